/**
 * A path with broken percent-encoding (`/api/cases/%E0%A4%A`) is the client's mistake: 400
 * MALFORMED_URL, never the 500 that express's router gives when it fails to decode a route
 * parameter (a URIError from its decode_param).
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ApiError } from './errors.js';

const malformedUrl = (): ApiError =>
  new ApiError(400, 'MALFORMED_URL', '请求地址中的百分号编码无效', 'The request path has invalid percent-encoding');

/** Early: refuse a path that does not decode, before any route tries. */
export const refuseMalformedUrls: RequestHandler = (req, _res, next) => {
  try {
    decodeURIComponent(req.path);
  } catch {
    next(malformedUrl());
    return;
  }
  next();
};

/** Late, before the error handler: a URIError from decoding (parameters, paths) is a 400 too. */
export const malformedUrlErrors: ErrorRequestHandler = (error: unknown, _req, _res, next) => {
  next(error instanceof URIError ? malformedUrl() : error);
};
