import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Workers and the web app share lib/; these run only on the server.
  serverExternalPackages: ["pg", "ioredis", "bullmq"],
  poweredByHeader: false,
};

export default nextConfig;
