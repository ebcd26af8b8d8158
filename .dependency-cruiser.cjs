/**
 * The layers of docs/architecture.md, checked on every `npm test` (`npm run lint:layers`).
 * From the top: composition → channels and the API → conversation and dialog engine →
 * domain → foundation (catalog, directory, store, replicas, calendar, the classifier,
 * request records) → the shared contract (src/messages; errors and the logger in src/shared). A module imports its own layer or lower ones; folders
 * never import each other in a circle; cards render card data and know no channel.
 */
const shared = '^src/(messages|shared)/';
const foundation = '^src/(store|catalog|directory|replicas|audit|auth|calendar|nlu|request-records|config)/';
const domain = '^src/(requests|approvals|fulfilment|triage|incidents|notify)/';
const engine = '^src/(conversation|dialog|llm)/';
const entry = '^src/(channels|api|http|console)/|^cards/';
const composition = '^src/(deps|app|server|routes)\\.ts|^src/cli/';

const above = (...layers) => ({ path: layers });

module.exports = {
  forbidden: [
    { name: 'no-folder-cycles', severity: 'error', scope: 'folder', comment: 'Folders depend on each other one way only.', from: {}, to: { circular: true } },
    { name: 'no-module-cycles', severity: 'error', comment: 'Modules depend on each other one way only.', from: {}, to: { circular: true } },
    { name: 'shared-contract-is-the-bottom', severity: 'error', from: { path: shared }, to: { path: '^src/', pathNot: shared } },
    { name: 'foundation-imports-no-layer-above', severity: 'error', from: { path: foundation }, to: above(domain, engine, entry, composition) },
    { name: 'domain-imports-no-engine-or-channel', severity: 'error', from: { path: domain }, to: above(engine, entry, composition) },
    { name: 'engine-imports-no-channel', severity: 'error', from: { path: engine }, to: above(entry, composition) },
    { name: 'entry-points-import-no-composition', severity: 'error', from: { path: entry }, to: above(composition) },
    { name: 'cards-render-card-data-only', severity: 'error', comment: 'Cards import the shared contract and each other, nothing of channels, engine or domain.', from: { path: '^cards/' }, to: { path: '^(src|integrations)/', pathNot: shared } },
    { name: 'channels-do-not-know-each-other', severity: 'error', from: { path: '^src/channels/([^/]+)/' }, to: { path: '^src/channels/', pathNot: '^src/channels/$1/|^src/channels/[^/]+\\.ts$' } },
    { name: 'integrations-only-from-composition', severity: 'error', comment: 'Connectors implement interfaces the fulfilment module defines; only the composition root builds them.', from: { path: '^src/', pathNot: composition }, to: { path: '^integrations/' } },
    { name: 'botbuilder-behind-one-module', severity: 'error', comment: 'The Bot Framework SDK is imported by src/channels/teams/bot-framework.ts only (adapter factory and turn entry), so a move to its successor replaces one file.', from: { pathNot: '^src/channels/teams/bot-framework\\.ts$' }, to: { path: 'node_modules/(botbuilder|botbuilder-core|botframework-connector|botframework-schema)/' } },
    { name: 'drizzle-only-in-the-store', severity: 'error', from: { path: '^(src|cards|integrations)/', pathNot: '^src/store/' }, to: { path: 'node_modules/(drizzle-orm|better-sqlite3|pg)/' } },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(test|scripts|web)/' },
  },
};
