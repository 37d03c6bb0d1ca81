import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Workers and the web app share lib/; these run only on the server.
  serverExternalPackages: ["pg", "ioredis", "bullmq"],
  poweredByHeader: false,
  // A second build (the API fuzz run while someone else builds) can live beside the main one.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
};

export default nextConfig;
