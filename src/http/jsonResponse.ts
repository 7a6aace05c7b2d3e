import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** An HTTP response as API Gateway expects it from a Lambda handler. */
export type HttpResponse = APIGatewayProxyStructuredResultV2 & {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
};

/** A JSON response with `content-type: application/json`. */
export const jsonResponse = (
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): HttpResponse => ({
  statusCode,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/** The one shape of every error body: `{"error":{"code","message"}}` plus extras. */
export const jsonError = (
  statusCode: number,
  error: { code: string; message: string } & Record<string, unknown>,
  headers: Record<string, string> = {},
): HttpResponse => jsonResponse(statusCode, { error }, headers);
