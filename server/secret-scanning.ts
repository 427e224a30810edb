import type { FastifyInstance, FastifyReply } from "fastify";
import { API_MESSAGES } from "../lib/contract/api-messages";
import { errorResponse, type ApiResponse } from "./engine/responses";
import { SECRET_SCANNING_BODY_LIMIT_BYTES } from "./engine/secret-scanning/payload";
import type { VerificationService } from "./engine/service";

function send(reply: FastifyReply, response: ApiResponse): FastifyReply {
  return reply.code(response.status).headers(response.headers).send(response.body);
}

/**
 * POST /api/v1/secret-scanning/github and /report (issue 19). Their own
 * scope: the signature covers the raw bytes, so the body stays a Buffer
 * (the app's parser would decode and re-encode it), with a larger limit
 * than /verify's, since a scanner batches its matches.
 */
export function registerSecretScanning(app: FastifyInstance, service: VerificationService) {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: SECRET_SCANNING_BODY_LIMIT_BYTES }, (_request, body, done) => done(null, body));
    scope.setErrorHandler((error: { statusCode?: number; message: string }, request, reply) => {
      if (error.statusCode === 413) {
        return send(reply, errorResponse("payload_too_large", API_MESSAGES.secretScanningTooLarge));
      }
      if (error.statusCode !== undefined && error.statusCode < 500) return send(reply, errorResponse("invalid_request"));
      request.log.error({ err: error }, "secret-scanning request failed");
      return send(reply, errorResponse("internal"));
    });

    const route = (path: string, handle: (body: Buffer | undefined, headers: Record<string, string | string[] | undefined>) => Promise<ApiResponse>) =>
      scope.post(path, { bodyLimit: SECRET_SCANNING_BODY_LIMIT_BYTES }, async (request, reply) => {
        const body = Buffer.isBuffer(request.body) ? request.body : undefined;
        const response = await handle(body, request.headers).catch((error: unknown) => {
          request.log.warn({ err: error }, "secret-scanning report failed");
          return errorResponse("service_unavailable", undefined, 5);
        });
        return send(reply, response);
      });
    route("/api/v1/secret-scanning/github", (body, headers) => service.secretScanning.github(body, headers));
    route("/api/v1/secret-scanning/report", (body, headers) => service.secretScanning.scanner(body, headers));
  });
}
