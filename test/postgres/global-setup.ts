// Once per test run: a throwaway PostgreSQL, unless DATABASE_URL is given to the tests explicitly
// (then its server is used, in databases the tests create and drop). The variable is taken out
// of the environment, so no child process of a SQLite test connects to it by accident.
import type { TestProject } from 'vitest/node';
import { startTestServer } from './server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser URL: tests create their own databases through it. */
    postgresAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.DATABASE_URL;
  delete process.env.DATABASE_URL;
  if (given) {
    project.provide('postgresAdminUrl', given);
    return async () => {};
  }
  const server = await startTestServer();
  project.provide('postgresAdminUrl', server.adminUrl);
  return () => server.stop();
}
