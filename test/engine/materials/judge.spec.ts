/** engine/materials: a file is what its content says (PDF, JPEG, PNG, OFD), within its material's types and size. */
import { expect } from 'chai';
import {
  DEFAULT_MAX_FILE_MB,
  fileRules,
  isOfdPackage,
  judgeFile,
  sniff,
  type FileRules,
} from '../../../engine/materials/index.js';
import { validateMatter } from '../../../engine/matters/index.js';
import {
  htmlPretendingToBePdf,
  sampleJpeg,
  sampleOfd,
  samplePdf,
  samplePng,
  zipOf,
} from '../../support/material-files.js';
import { readFileSync } from 'node:fs';

const material = { name: '营业执照' };
const seen = (bytes: Buffer, ofd?: boolean) => ({ sniffed: sniff(bytes), size: bytes.length, ...(ofd ? { ofd } : {}) });

describe('engine/materials: judging a file by its content', () => {
  it('should tell PDF, JPEG, PNG and ZIP apart by their first bytes', () => {
    expect(sniff(samplePdf()).kind).to.equal('pdf');
    expect(sniff(sampleJpeg()).kind).to.equal('jpeg');
    expect(sniff(samplePng()).kind).to.equal('png');
    expect(sniff(sampleOfd()).kind).to.equal('zip');
    expect(sniff(htmlPretendingToBePdf())).to.deep.include({ kind: 'other', zh: 'HTML / XML 文本' });
    expect(sniff(Buffer.from('MZ\x90\x00'))).to.deep.include({ kind: 'other', zh: 'Windows 可执行程序' });
  });

  it('should take a ZIP as OFD only with OFD.xml at its root', () => {
    expect(isOfdPackage(['OFD.xml', 'Doc_0/Document.xml'])).to.equal(true);
    expect(isOfdPackage(['Doc_0/OFD.xml', 'word/document.xml'])).to.equal(false);
  });

  it('should accept a file whose content is one of the material’s types, served as that type', () => {
    const rules = fileRules({});
    expect(judgeFile(material, rules, seen(samplePdf()))).to.deep.equal({
      accepted: true,
      type: 'pdf',
      mediaType: 'application/pdf',
    });
    expect(judgeFile(material, rules, seen(sampleOfd(), true))).to.deep.include({ accepted: true, type: 'ofd' });
  });

  it('should NOT accept a type the material does not declare, saying what the content is', () => {
    const verdict = judgeFile(material, fileRules({ fileTypes: ['pdf', 'ofd'] }), seen(samplePng()));
    expect(verdict).to.deep.equal({
      accepted: false,
      refusal: {
        code: 'FILE_TYPE_REFUSED',
        zh: '「营业执照」只接受 PDF、OFD 版式文件，该文件的内容是PNG 图片（按文件内容识别，不看文件名）',
        en: "营业执照 accepts pdf, ofd only, but the file's content is PNG (judged by its content, not its name)",
      },
    });
  });

  it('should NOT accept HTML named .pdf, nor a ZIP that is no OFD', () => {
    const rules = fileRules({});
    const html = judgeFile(material, rules, seen(htmlPretendingToBePdf()));
    expect(html.accepted).to.equal(false);
    expect(!html.accepted && html.refusal.zh).to.contain('HTML / XML 文本');
    const zip = judgeFile(material, rules, seen(zipOf({ 'a.txt': 'x' }), false));
    expect(!zip.accepted && zip.refusal.zh).to.contain('ZIP 压缩包（不是 OFD 文件）');
  });

  it('should NOT accept a file past the material’s limit, nor an empty one', () => {
    const rules: FileRules = fileRules({ maxFileSizeMb: 0.0005 }); // 524 bytes
    expect(rules.maxBytes).to.equal(524);
    const verdict = judgeFile(material, rules, seen(samplePdf(600)));
    expect(verdict).to.deep.equal({
      accepted: false,
      refusal: {
        code: 'FILE_TOO_LARGE',
        zh: '「营业执照」的文件不能超过 524 字节',
        en: 'The file for 营业执照 may not exceed 524 bytes',
      },
    });
    expect(judgeFile(material, rules, seen(Buffer.alloc(0)))).to.deep.include({ accepted: false });
  });

  it('should keep a material’s declared limit within the centre’s', () => {
    expect(fileRules({ maxFileSizeMb: 500 }, 50).maxBytes).to.equal(50 * 1024 * 1024);
    expect(fileRules({}).maxBytes).to.equal(DEFAULT_MAX_FILE_MB * 1024 * 1024);
    expect(fileRules({ maxFileSizeMb: 2 }, 50)).to.deep.equal({
      types: ['pdf', 'jpeg', 'png', 'ofd'],
      maxBytes: 2 * 1024 * 1024,
    });
  });

  it('should let a matter file declare a material’s file types and limit, and refuse an unknown type', () => {
    const food = JSON.parse(readFileSync('processes/food-licence.matter.json', 'utf8')) as {
      materials: Record<string, unknown>[];
    };
    food.materials[0] = { ...food.materials[0], fileTypes: ['pdf', 'ofd'], maxFileSizeMb: 5 };
    expect(validateMatter(food).ok).to.equal(true);
    food.materials[0] = { ...food.materials[0], fileTypes: ['docx'] };
    const invalid = validateMatter(food);
    expect(invalid.ok).to.equal(false);
  });
});
