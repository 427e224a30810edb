import Fastify, { LogController, type FastifyReply, type FastifyRequest } from "fastify";
import { clientIp, mintingClient } from "../lib/http/client-ip";
import { openApiDocument } from "../lib/contract/openapi";
import { API_MESSAGES } from "../lib/contract/api-messages";
import { errorResponse, jsonResponse, verifyResponse, type ApiResponse } from "./engine/responses";
import type { ClientAddress } from "./engine/failure-budget";
import type { VerificationService } from "./engine/service";
import { isPromise } from "./engine/types";
import { registerSecretScanning } from "./secret-scanning";

export const BODY_LIMIT_BYTES = 64 * 1024;

export type AppOptions = {
  /** Reverse proxies in front that append to X-Forwarded-For (TRUST_PROXY). */
  trustedHops: number;
  /** pino's level; "silent" turns logging off. */
  logLevel: string;
};

function send(reply: FastifyReply, response: ApiResponse): FastifyReply {
  return reply.code(response.status).headers(response.headers).send(response.body);
}

const openApiBody = JSON.stringify(openApiDocument);

/** The /api/v1 service's routes around one VerificationService. */
export function buildApp(service: VerificationService, options: AppOptions) {
  const app = Fastify({
    // pino at the configured level, but no line per request: at tens of
    // thousands of requests a second logging would cost more than verifying.
    // Keys never reach a log line; the redaction is a second guard.
    logger: { level: options.logLevel, redact: ["req.headers.authorization", "headers.authorization"] },
    logController: new LogController({ disableRequestLogging: true }),
    // No child logger per request: with no request lines there is nothing
    // for a request id to tie together, and the child cost every request
    // an object (seen in the profile, docs/BENCHMARKS.md). Errors are still
    // logged, by the service's logger.
    childLoggerFactory: (logger) => logger,
    bodyLimit: BODY_LIMIT_BYTES,
    // While closing, requests on open connections are still answered in full
    // (the service stays up until after the server has drained).
    return503OnClosing: false,
    requestIdHeader: false,
  });

  // Any content type is read as JSON (callers forward bodies as they come);
  // an empty body is "no options".
  const parseJson = (_request: FastifyRequest, body: string | Buffer, done: (error: Error | null, value?: unknown) => void) => {
    const text = body as string;
    if (text.trim() === "") return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(Object.assign(new Error(API_MESSAGES.notJson), { statusCode: 400, code: "KD_INVALID_JSON" }), undefined);
    }
  };
  app.removeAllContentTypeParsers();
  // Named as well as caught by "*": Fastify caches the parser it found for a
  // content type only when one was registered under that type, and parsed
  // the header of every request that fell through to "*" (~1 % of the
  // service's CPU per request in the profile, docs/BENCHMARKS.md).
  app.addContentTypeParser("application/json", { parseAs: "string" }, parseJson);
  app.addContentTypeParser("*", { parseAs: "string" }, parseJson);

  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, request, reply) => {
    if (error.statusCode === 413) return send(reply, errorResponse("payload_too_large"));
    if (error.code === "KD_INVALID_JSON") return send(reply, errorResponse("invalid_request", error.message));
    if (error.statusCode !== undefined && error.statusCode < 500) return send(reply, errorResponse("invalid_request"));
    request.log.error({ err: error }, "request failed");
    return send(reply, errorResponse("internal"));
  });
  app.setNotFoundHandler((_request, reply) => send(reply, errorResponse("not_found")));

  // What a failed lookup is charged to: the client's address behind the
  // trusted proxies, an IPv6 client by its /64 (one network gets a whole /64,
  // so single addresses would be free to rotate). Read only on a cache miss.
  // A connection already gone has no address: such requests share one bucket.
  const clientOf =
    (request: FastifyRequest): ClientAddress =>
    () =>
      mintingClient(
        clientIp({ socketAddress: request.socket.remoteAddress, forwardedFor: request.headers["x-forwarded-for"], trustedHops: options.trustedHops }) ?? "unknown",
      );

  app.post("/api/v1/verify", (request, reply) => {
    const result = service.verify(request.headers.authorization, request.body, clientOf(request));
    // A cache hit answers synchronously: no promise on the hot path.
    if (isPromise(result)) return result.then((r) => send(reply, verifyResponse(r)));
    return send(reply, verifyResponse(result));
  });

  app.get("/api/v1/usage", async (request, reply) => {
    const report = await service.usage(request.headers.authorization, clientOf(request)).catch((error: unknown) => {
      request.log.warn({ err: error }, "usage read failed");
      return null;
    });
    if (report === null) return send(reply, errorResponse("service_unavailable", undefined, 1));
    return send(reply, "valid" in report ? verifyResponse(report) : jsonResponse(200, report));
  });

  app.post("/api/v1/embed/sessions", async (request, reply) => {
    const session = await service.embedSession(request.headers.authorization, request.body, clientOf(request)).catch((error: unknown) => {
      request.log.warn({ err: error }, "embed session failed");
      return null;
    });
    if (session === null) return send(reply, errorResponse("service_unavailable", undefined, 1));
    if ("valid" in session) return send(reply, verifyResponse(session));
    return send(reply, jsonResponse(201, { session_token: session.sessionToken, expires_at: new Date(session.expiresAt).toISOString() }));
  });

  app.post("/api/v1/sandbox/key", async (request, reply) => {
    const ip = clientIp({ socketAddress: request.socket.remoteAddress, forwardedFor: request.headers["x-forwarded-for"], trustedHops: options.trustedHops });
    // No socket address (a closed connection) and no trusted header: nothing to count the cap by.
    if (ip === null) return send(reply, errorResponse("invalid_request", API_MESSAGES.unknownClientAddress));
    const minted = await service.mintSandboxKey(ip).catch((error: unknown) => {
      request.log.warn({ err: error }, "sandbox mint failed");
      return null;
    });
    if (minted === null) return send(reply, errorResponse("service_unavailable", undefined, 1));
    if (!minted.ok) {
      return send(reply, errorResponse("rate_limited", API_MESSAGES.sandboxCap, minted.retryAfterSeconds));
    }
    return send(
      reply,
      jsonResponse(200, { api_key: minted.apiKey, expires_at: new Date(minted.expiresAt).toISOString(), pages_remaining: minted.pagesRemaining }),
    );
  });

  registerSecretScanning(app, service);

  app.get("/api/v1/openapi.json", (_request, reply) =>
    reply.code(200).header("content-type", "application/json; charset=utf-8").header("cache-control", "public, max-age=300").send(openApiBody),
  );

  // For load balancers: 200 while the instance answers the keys it knows (its
  // invalidation feed is confirmed, or it is within its outage grace), 503
  // once it fails closed, so traffic goes to instances that still answer.
  app.get("/healthz", (_request, reply) => {
    const health = service.health();
    return send(reply, jsonResponse(health.ok ? 200 : 503, health));
  });

  return app;
}
