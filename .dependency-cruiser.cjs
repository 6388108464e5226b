/**
 * Architecture rules, checked on every test run (`npm run lint:boundaries`):
 * contexts talk to each other only through their contracts, and domain code is plain TypeScript.
 */
const CONTEXTS = 'identity|lead|opportunity|customer|contact|pool|approval|contract|service-ticket|catalog|notification|webhook';

module.exports = {
  forbidden: [
    {
      name: 'contexts-only-through-contracts',
      comment: 'A context may use another context only through libs/<other>/src/contracts.',
      severity: 'error',
      from: { path: `^libs/(${CONTEXTS})/` },
      to: {
        path: `^libs/(${CONTEXTS})/`,
        pathNot: [`^libs/$1/`, `^libs/(${CONTEXTS})/src/contracts/`],
      },
    },
    {
      name: 'domain-is-plain-typescript',
      comment: 'domain/ holds business rules only: no framework, ORM or validation imports.',
      severity: 'error',
      from: { path: '/domain/' },
      to: { path: ['node_modules/@nestjs', 'node_modules/typeorm', 'node_modules/class-validator', 'node_modules/pg/', '^libs/platform/'] },
    },
    {
      name: 'platform-knows-no-context',
      comment: 'The shared kernel must not depend on any bounded context.',
      severity: 'error',
      from: { path: '^libs/(platform|kernel)/' },
      to: { path: `^libs/(${CONTEXTS})/` },
    },
    {
      name: 'kernel-is-plain-typescript',
      severity: 'error',
      from: { path: '^libs/kernel/' },
      to: { path: 'node_modules/' },
    },
    {
      name: 'apps-use-contracts-or-modules',
      comment: 'Apps compose context modules (index.ts) and may use contracts; never reach inside a context.',
      severity: 'error',
      from: { path: '^apps/' },
      to: {
        path: `^libs/(${CONTEXTS})/src/`,
        pathNot: [`^libs/(${CONTEXTS})/src/(index|contracts/index)\\.ts$`],
      },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^libs/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|\\.spec\\.ts$)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
