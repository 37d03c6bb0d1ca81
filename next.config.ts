import type { NextConfig } from "next";
import { API_CSP, BASE_SECURITY_HEADERS } from "./lib/api/security-headers";

const nextConfig: NextConfig = {
  // Workers and the web app share lib/; these run only on the server.
  serverExternalPackages: ["pg", "ioredis", "bullmq"],
  poweredByHeader: false,
  // A second build (the API fuzz run while someone else builds) can live beside the main one.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // Pages get theirs (with a per-request nonce) from proxy.ts; API answers are not proxied.
  async headers() {
    const api = Object.entries({ ...BASE_SECURITY_HEADERS, "content-security-policy": API_CSP }).map(([key, value]) => ({ key, value }));
    return [{ source: "/api/:path*", headers: api }];
  },
};

export default nextConfig;
