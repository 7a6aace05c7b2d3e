import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type Request } from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { type HttpResponse, jsonResponse } from '../src/http/jsonResponse';
import { defaultLogger as logger, redactId } from '../src/logger';
import { PowertoolsMetricsSink } from '../src/metrics';
import { httpErrorResponse } from '../src/middlewares/httpErrorResponse';
import { metrics } from '../src/middlewares/metrics';
import { parsePaymentId } from '../src/paymentService/paymentId';
import { PaymentServiceClient } from '../src/paymentService/paymentServiceClient';
import { resilience } from '../src/pipeline';
import { loadConfig } from './config';
import { resilienceMiddlewares } from './resilience';

const config = loadConfig();
const sink = new PowertoolsMetricsSink();
const paymentService = new PaymentServiceClient({
  baseUrl: config.paymentServiceUrl,
});

const getPaymentStatus = async (
  event: APIGatewayProxyEventV2,
  context: Context,
  { signal }: { signal: AbortSignal },
): Promise<HttpResponse> => {
  const paymentId = parsePaymentId(event.pathParameters?.paymentId);
  // Every line this invocation logs can be matched to the payment without
  // holding its full id; resetKeys clears it when the invocation ends.
  logger.appendKeys({ paymentId: redactId(paymentId) });
  const status = await resilience(context).execute(
    (scope) => paymentService.getStatus(paymentId, { signal: scope.signal }),
    { signal },
  );
  return jsonResponse(200, status);
};

// Remembered answers are keyed by the validated id only: an invalid id never
// gets a 200, so it is never stored.
const cacheKey = (request: Request): string | undefined => {
  const id = (request.event as APIGatewayProxyEventV2).pathParameters
    ?.paymentId;
  return id === undefined ? undefined : `payment-status:${id}`;
};

/** GET /payments/{paymentId}/status */
export const handler = middy(getPaymentStatus)
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(metrics({ sink, logger }))
  .use(httpErrorResponse({ logger }))
  .use(resilienceMiddlewares(config, { cacheKey, logger, metrics: sink }));
