import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { type HttpResponse, jsonResponse } from '../src/http/jsonResponse';
import { defaultLogger as logger } from '../src/logger';
import { httpErrorResponse } from '../src/middlewares/httpErrorResponse';
import { parsePaymentId } from '../src/paymentService/paymentId';
import { PaymentServiceClient } from '../src/paymentService/paymentServiceClient';
import { loadConfig } from './config';

const config = loadConfig();
const paymentService = new PaymentServiceClient({
  baseUrl: config.paymentServiceUrl,
});

const getPaymentStatus = async (
  event: APIGatewayProxyEventV2,
  _context: Context,
  { signal }: { signal: AbortSignal },
): Promise<HttpResponse> => {
  const paymentId = parsePaymentId(event.pathParameters?.paymentId);
  const status = await paymentService.getStatus(paymentId, { signal });
  return jsonResponse(200, status);
};

/** GET /payments/{paymentId}/status */
export const handler = middy(getPaymentStatus)
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(httpErrorResponse({ logger }));
