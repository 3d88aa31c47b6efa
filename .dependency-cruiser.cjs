// `npm run deps`: the README's "How it works", executable. Data flows one way:
//   update → channel → inbox → presentation (dialogue, officials' commands, web pages, reminders worker, documents,
//   CLIs) → services (every use case) → core (pure rules) and storage (kysely repositories, migrations).
// Each rule below is one arrow or one "never" of that section; its comment is what the checker prints when a file breaks it.

/** Presentation: parses, calls a service, words the answer (texts from src/messages) or builds the document. */
const PRESENTATION = '^src/(conversation|officials|web|reminders|documents|charts|cli)/';
const CHANNELS = '^src/channels/';
/** The programs' entry points: they build the app and may open the database. */
const ENTRIES = '^src/(app|main|serve)[.]ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment:
        'src/core holds pure rules (clock injected): it imports nothing else of the app and no package — no storage, no services, no texts, no configuration files. Pass what a rule needs as an argument.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { pathNot: '^src/core/' },
    },
    {
      name: 'only-services-call-storage',
      comment:
        'Services are the only callers of src/storage: dialogue, officials\' commands, web pages, the reminders worker, documents, channels and the HTTP server call a service (src/services) instead.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/(services|storage|cli)/', '^src/(app|main)[.]ts$'] },
      to: { path: '^src/storage/' },
    },
    {
      name: 'entries-only-open-the-database',
      comment:
        'src/app.ts, src/main.ts and the command-line tools (src/cli) may open and migrate the database (src/storage/db.ts) and hand it to the services they build; everything else they do with data goes through a service, never a repository.',
      severity: 'error',
      from: { path: ['^src/cli/', '^src/(app|main)[.]ts$'] },
      to: { path: '^src/storage/', pathNot: '^src/storage/db[.]ts$' },
    },
    {
      name: 'storage-knows-no-caller',
      comment:
        'src/storage (repositories, migrations) is the bottom layer: it may use core rules and the configuration, never a service, a text or anything that presents.',
      severity: 'error',
      from: { path: '^src/storage/' },
      to: { path: '^src/', pathNot: ['^src/(storage|core|config)/'] },
    },
    {
      name: 'services-word-no-text',
      comment:
        'Services return domain values (camelCase types of their own) and word nothing: no import of src/messages (texts), src/documents (workbooks, the reward proposal, the links document, the certificate), or of any presentation, channel or contract module. A text or a document is made by the presentation from what the service returned.',
      severity: 'error',
      from: { path: '^src/services/' },
      to: { path: ['^src/(messages|documents|contract|channels)/', PRESENTATION, ENTRIES] },
    },
    {
      name: 'services-reexport-no-storage-type',
      comment:
        'A storage row type never leaves src/services: a service maps rows to a domain type of its own instead of re-exporting what a repository returns.',
      severity: 'error',
      from: { path: '^src/services/' },
      to: { path: '^src/storage/', dependencyTypes: ['export'] },
    },
    {
      name: 'documents-in-one-home',
      comment:
        'Every document (the results and question-bank workbooks, the reward proposal, the units\' links, the certificate) is built in src/documents: only it imports the packages that write them (exceljs, docx, pdfkit). Reading an official\'s workbook back (src/bank/xlsx-import.ts) is the one other use of exceljs.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/documents/', '^src/bank/xlsx-import[.]ts$'] },
      to: { path: 'node_modules/(exceljs|docx|pdfkit)/' },
    },
    {
      name: 'officials-never-import-dialogue',
      comment: 'The officials\' commands (src/officials) never import the citizens\' dialogue (src/conversation); the dialogue tries the officials\' commands first, not the other way round.',
      severity: 'error',
      from: { path: '^src/officials/' },
      to: { path: '^src/conversation/' },
    },
    {
      name: 'presentation-knows-no-channel',
      comment:
        'Presentation (dialogue, officials\' commands, web pages, reminders worker, documents, CLIs) speaks through src/contract, never to a chat platform: a channel (src/channels) translates, and is handed to the presentation, not imported by it.',
      severity: 'error',
      from: { path: PRESENTATION, pathNot: '^src/cli/' },
      to: { path: CHANNELS },
    },
    {
      name: 'a-channel-is-its-module',
      comment:
        'A chat platform (src/channels/<name>/) is reached through its ChannelModule (its index.ts), listed once in src/channels/registry.ts: entries, configuration and the officials file iterate the registry and never import a platform\'s files (src/main.ts starts the terminal chat, which has no sender). Adding a channel is its folder and one registry line.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/channels/[^/]+/', '^src/channels/registry[.]ts$', '^src/main[.]ts$'] },
      to: { path: '^src/channels/[^/]+/' },
    },
    {
      name: 'the-registry-lists-modules',
      comment: 'src/channels/registry.ts imports each channel\'s index.ts (its ChannelModule) only: the platform\'s code loads when the module starts it, never with the registry (the local chat and the configuration import the registry).',
      severity: 'error',
      from: { path: '^src/channels/registry[.]ts$' },
      to: { path: '^src/channels/[^/]+/', pathNot: '^src/channels/[^/]+/index[.]ts$' },
    },
    {
      name: 'channels-know-no-other-channel',
      comment: 'A channel folder never imports another channel\'s: what two platforms share lives in src/channels/ (inbox, backoff, polling lease) or src/contract; what one needs of another (Telegram\'s @username on Zalo\'s /link) comes as join addresses from serve.ts.',
      severity: 'error',
      from: { path: '^src/channels/([^/]+)/' },
      to: { path: '^src/channels/[^/]+/', pathNot: '^src/channels/$1/' },
    },
    {
      name: 'contract-is-shared-ground',
      comment:
        'src/contract is what presentation and channels share (message types, the channel contract, command parsing, callback data): it imports core and service types only, never a presentation or a channel.',
      severity: 'error',
      from: { path: '^src/contract/' },
      to: { path: ['^src/(storage|messages|channels|documents)/', PRESENTATION, ENTRIES] },
    },
    {
      name: 'messages-are-texts-only',
      comment:
        'src/messages holds the Vietnamese texts: they may use core helpers (dates, types) and nothing else of the app, except the type of a command menu (src/contract/commands.ts, type-only), so that a menu naming a command that does not exist does not compile.',
      severity: 'error',
      from: { path: '^src/messages/' },
      to: { path: '^src/', pathNot: ['^src/(messages|core)/', '^src/contract/commands[.]ts$'] },
    },
    {
      name: 'messages-name-commands-by-type-only',
      comment: 'src/messages may import from src/contract/commands.ts only its types (CommandName, CommandMenu): `import type`, never code.',
      severity: 'error',
      from: { path: '^src/messages/' },
      to: { path: '^src/contract/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'entries-are-the-top',
      comment: 'src/app.ts, src/main.ts and src/serve.ts build the app from its parts; only an entry or a CLI (src/cli) imports them.',
      severity: 'error',
      from: { path: '^src/', pathNot: [ENTRIES, '^src/cli/'] },
      to: { path: ENTRIES },
    },
    {
      name: 'no-circular',
      comment: 'Two modules that import each other (directly or through others) cannot be understood or tested one at a time: move what both need into a third module.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that names no file or package that exists.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.mjs', '.js', '.d.ts'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
