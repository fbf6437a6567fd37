/**
 * The workspace's icon (a seal-red square with 政, the service centre's mark), served as SVG at
 * /favicon.svg and at /favicon.ico, where browsers ask for it unprompted: no 404 in the logs.
 */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
<rect width="64" height="64" rx="12" fill="#15305c"/>
<rect x="6" y="6" width="52" height="52" rx="8" fill="none" stroke="#f5a623" stroke-width="3"/>
<text x="32" y="45" font-size="36" text-anchor="middle" fill="#fff" font-family="Noto Sans CJK SC, Microsoft YaHei, sans-serif">政</text>
</svg>
`;
