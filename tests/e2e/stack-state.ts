import { readFileSync } from "node:fs";
import path from "node:path";

export const STATE_FILE = path.resolve(import.meta.dirname, "../../test-results/e2e-stack.json");

export type StackState = {
  baseUrl: string;
  email: string;
  password: string;
  apiToken: string;
  hostId: string;
  hostName: string;
  root: string;
  fixtureGguf: string;
  pids: number[];
};

export function stackState(): StackState {
  return JSON.parse(readFileSync(STATE_FILE, "utf8"));
}
