// Any /api path no other route serves: the contract's 404 JSON rather than the panel's HTML not-found page.
import { AppError, toErrorResponse } from "@/lib/errors";

function answerUnknownPath(): Response {
  return toErrorResponse(
    new AppError("not_found", "No such API route; see /api/openapi.json for the routes there are."),
  );
}

export const GET = answerUnknownPath;
export const HEAD = answerUnknownPath;
export const POST = answerUnknownPath;
export const PUT = answerUnknownPath;
export const PATCH = answerUnknownPath;
export const DELETE = answerUnknownPath;
export const OPTIONS = answerUnknownPath;
