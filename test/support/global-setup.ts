import { execSync } from 'node:child_process';

/** Builds dist/ once: specs that run real worker processes start them from it. */
export default async function globalSetup(): Promise<void> {
  execSync('npm run --silent build', { stdio: 'inherit' });
}
