// The benchmark's baseline: a plain node:http server calling the same
// verification function as the Fastify service (metering, limits, cache and
// all), with nothing else around it. Not for production.
import http from "node:http";
import { apiEnv } from "../../lib/env";
import { errorResponse, verifyResponse, type ApiResponse } from "../../server/engine/responses";
import { serviceOptionsFromEnv, startVerificationService } from "../../server/engine/service";
import { isPromise } from "../../server/engine/types";

const BODY_LIMIT = 64 * 1024;

function write(res: http.ServerResponse, { status, headers, body }: ApiResponse) {
  res.writeHead(status, headers).end(body);
}

async function main() {
  const config = apiEnv();
  const service = await startVerificationService(serviceOptionsFromEnv(config, console));
  const server = http.createServer((req, res) => {
    if (req.method !== "POST" || req.url !== "/api/v1/verify") return write(res, errorResponse("not_found"));
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      text += chunk;
      if (text.length > BODY_LIMIT) req.destroy();
    });
    req.on("end", () => {
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        return write(res, errorResponse("invalid_request", "The body is not valid JSON."));
      }
      const result = service.verify(req.headers.authorization, body, () => req.socket.remoteAddress ?? "");
      if (isPromise(result)) void result.then((r) => write(res, verifyResponse(r)));
      else write(res, verifyResponse(result));
    });
  });
  server.keepAliveTimeout = 75_000;
  server.listen(config.API_PORT, config.API_HOST);
  // Drain, then flush: every answered request is counted before exit.
  const stop = () => {
    server.close(() => void service.close().then(() => process.exit(0)));
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 5000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

void main();
