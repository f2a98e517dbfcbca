/**
 * Simulated FreeSWITCH mod_xml_rpc HTTP interface (docs/providers/freeswitch.md; FreeSWITCH's
 * src/mod/xml_int/mod_xml_rpc/mod_xml_rpc.c and mod_commands' bgapi).
 *
 * `GET /txtapi/{command}?{arguments}` (text/plain) and `/webapi/…` (the same text as text/html). The arguments are
 * the percent-decoded query string. Auth is HTTP Basic with xml_rpc.conf's auth-user/auth-pass; a failed login
 * is 401 with `WWW-Authenticate: Basic realm=…` and Abyss's HTML error page. Everything that ran answers 200,
 * refusals are the command's text (`-ERR …`).
 *
 * Commands: `status`, `bgapi` (`+OK Job-UUID: …`; without arguments `-ERR Invalid syntax`), `sofia_contact
 * EXT@DOMAIN` (the contact, or `error/user_not_registered`), `uuid_kill UUID` (`+OK`, or `-ERR No such channel!`);
 * anything else `INVALID COMMAND!`. Stricter than FreeSWITCH, whose `bgapi originate` answers +OK for anything and
 * fails later in the background job, the simulator checks the originate's syntax, variables, user and domain at
 * once and answers `-ERR [sim] …` for a malformed one, so a test sees it.
 *
 * Configuration (`configure`):
 * - `bgapiAllowed` (true): false → 403 for `bgapi` (a user not allowed to run it).
 * - `commandsLoaded` (true): false → `INVALID COMMAND!` for every command but `status` (mod_commands not loaded).
 * - `extensionOnline` (true): false → `sofia_contact` answers `error/user_not_registered`, and the background
 *   originate would fail with USER_NOT_REGISTERED (the bgapi answer is still +OK).
 * - `delayMs` (0): wait before answering (timeouts).
 */
import type { SimProvider, SimRequest, SimResponse } from './types';

export const FREESWITCH_SIM = {
  username: 'freeswitch',
  password: 'FS-Sim-Works-91c2d7e4',
  extension: '101',
  domain: 'pbx.sim.example',
  version: '1.10.12-release',
} as const;

/** Directory users of the domain. */
const USERS = ['101', '102'];

/** Channel variables the adapter may set on the user's leg. */
const KNOWN_VARIABLES = new Set([
  'origination_uuid',
  'origination_caller_id_name',
  'origination_caller_id_number',
  'originate_timeout',
  'domain_name',
  'sip_auto_answer',
]);

interface FreeswitchConfig {
  bgapiAllowed: boolean;
  commandsLoaded: boolean;
  extensionOnline: boolean;
  delayMs: number;
}

const DEFAULTS: FreeswitchConfig = { bgapiAllowed: true, commandsLoaded: true, extensionOnline: true, delayMs: 0 };

/** One originate the simulator accepted, as parsed. */
export interface SimOriginate {
  variables: Record<string, string>;
  user: string;
  domain: string;
  number: string;
  dialplan: string;
  context: string;
  /** What the background job would report. */
  result: string;
}

/** Parses `{a=b,c=d}user/EXT@DOMAIN NUMBER XML CONTEXT`; a string says what is malformed. */
export function parseOriginate(args: string): Omit<SimOriginate, 'result'> | string {
  const match = /^\{([^{}]*)\}user\/([^@\s]+)@(\S+) (\S+) (\S+) (\S+)$/.exec(args);
  if (!match) return 'expected {vars}user/EXT@DOMAIN NUMBER XML CONTEXT';
  const variables: Record<string, string> = {};
  for (const pair of match[1]!.split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) return `malformed variable "${pair}"`;
    const name = pair.slice(0, eq);
    if (!KNOWN_VARIABLES.has(name)) return `unexpected variable "${name}"`;
    variables[name] = pair.slice(eq + 1);
  }
  if (variables.sip_auto_answer !== undefined && variables.sip_auto_answer !== 'true') {
    return 'sip_auto_answer is true or absent';
  }
  if (!/^[0-9*#+]{2,32}$/.test(match[4]!)) return `"${match[4]}" is not a number the dialplan can match`;
  if (match[5] !== 'XML') return `dialplan "${match[5]}" is not XML`;
  return {
    variables,
    user: match[2]!,
    domain: match[3]!,
    number: match[4]!,
    dialplan: match[5]!,
    context: match[6]!,
  };
}

/** Creates the FreeSWITCH simulator. */
export function freeswitchSim(): SimProvider {
  let config: FreeswitchConfig = { ...DEFAULTS };
  let channels = new Set<string>();
  let jobs = 0;

  const text = (body: string, html = false): SimResponse => ({
    status: 200,
    body: html ? `<pre>${body}</pre>` : body,
    headers: { 'content-type': html ? 'text/html' : 'text/plain' },
    delayMs: config.delayMs,
  });

  function authenticated(request: SimRequest): boolean {
    const match = /^Basic (\S+)$/i.exec(request.headers.authorization ?? '');
    return (
      !!match &&
      Buffer.from(match[1]!, 'base64').toString('utf8') === `${FREESWITCH_SIM.username}:${FREESWITCH_SIM.password}`
    );
  }

  function run(command: string, args: string | undefined, html: boolean): SimResponse {
    const reply = (body: string) => text(body, html);
    if (command === 'status') {
      return reply(
        `UP 0 years, 2 days, 3 hours, 4 minutes, 5 seconds, 6 milliseconds, 7 microseconds\nFreeSWITCH (Version ${FREESWITCH_SIM.version} git 0000000 64bit) is ready\n3 session(s) since startup\n0 session(s) - peak 2, last 5min 0\n0 session(s) per Sec out of max 30, peak 1, last 5min 0\n1000 session(s) max\nmin idle cpu 0.00/99.00\nCurrent Stack Size/Max 240K/8192K\n`,
      );
    }
    if (!config.commandsLoaded) return reply('INVALID COMMAND!\n');
    if (command === 'bgapi') {
      if (!args) return reply('-ERR Invalid syntax\n');
      jobs += 1;
      const job = `00000000-0000-4000-8000-${String(jobs).padStart(12, '0')}`;
      const [sub, ...rest] = args.split(' ');
      if (sub === 'originate') {
        const parsed = parseOriginate(rest.join(' '));
        if (typeof parsed === 'string') return reply(`-ERR [sim] malformed originate: ${parsed}\n`);
        if (parsed.domain !== FREESWITCH_SIM.domain || !USERS.includes(parsed.user)) {
          return reply(`-ERR [sim] no user ${parsed.user}@${parsed.domain} in the directory\n`);
        }
        const uuid = parsed.variables.origination_uuid;
        if (uuid) channels.add(uuid);
      }
      return reply(`+OK Job-UUID: ${job}\n`);
    }
    if (command === 'sofia_contact') {
      const [user, domain] = (args ?? '').split('@');
      if (!user || domain !== FREESWITCH_SIM.domain || !USERS.includes(user)) return reply('error/user_not_registered');
      if (user === FREESWITCH_SIM.extension && !config.extensionOnline) return reply('error/user_not_registered');
      return reply(`sofia/internal/sip:${user}@192.0.2.10:5060;transport=udp`);
    }
    if (command === 'uuid_kill') {
      if (!args || !channels.has(args)) return reply('-ERR No such channel!\n');
      channels.delete(args);
      return reply('+OK\n');
    }
    return reply('INVALID COMMAND!\n');
  }

  return {
    name: 'freeswitch',
    kind: 'provider',
    matches: (request) => /^\/(txtapi|webapi)\//.test(request.path),
    handle(request: SimRequest): SimResponse {
      if (!authenticated(request)) {
        return {
          status: 401,
          body: '<HTML><HEAD><TITLE>Error 401</TITLE></HEAD><BODY><H1>Error 401</H1><P>Unauthorized</P></BODY></HTML>',
          headers: { 'content-type': 'text/html', 'www-authenticate': 'Basic realm="freeswitch"' },
          delayMs: config.delayMs,
        };
      }
      const [, kind, command] = /^\/(txtapi|webapi)\/([^/]*)/.exec(request.path) ?? [];
      if (command === 'bgapi' && !config.bgapiAllowed) {
        return { status: 403, body: '', delayMs: config.delayMs };
      }
      // The raw query, percent-decoded, is the command's argument string (mod_xml_rpc passes info->query).
      // URLSearchParams would read "+" as a space and split at "&" and "=", which FreeSWITCH does not do here.
      const rawQuery = request.rawQuery ?? '';
      const args = rawQuery ? decodeURIComponent(rawQuery) : undefined;
      return run(command ?? '', args, kind === 'webapi');
    },
    reset() {
      config = { ...DEFAULTS };
      channels = new Set();
      jobs = 0;
    },
    configure(patch) {
      config = { ...config, ...(patch as Partial<FreeswitchConfig>) };
    },
    settings: (context) => ({
      type: 'freeswitch',
      baseUrl: context.baseUrl,
      username: FREESWITCH_SIM.username,
      password: FREESWITCH_SIM.password,
      extension: FREESWITCH_SIM.extension,
      domain: FREESWITCH_SIM.domain,
      context: '',
    }),
  };
}
