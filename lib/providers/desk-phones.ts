/**
 * Ready-made custom requests for desk phones that dial on an HTTP command of their own (issue 12, "Desk-phone
 * presets"): the options page fills the custom provider's method, URL, headers and body from one of these and
 * the phone's address and credentials. Each names the vendor page it follows; what the page confirms and what
 * we inferred is in docs/providers/desk-phones.md.
 *
 * The browser cannot send credentials written into a URL (`http://user:pass@phone/…`, as the vendors' pages show
 * them), so HTTP Basic credentials go in an `Authorization` header; Grandstream's `passcode` is a query parameter
 * of its API itself. Each phone must also allow the computer's address (Yealink's "Action URI Allow IP List",
 * Grandstream's CTI switch, Poly's REST API setting, Fanvil's Active URI switch): the help text says where.
 */
import { basicAuthorization } from '../net/basic-auth';
import type { CustomProvider } from './custom';
import type { ErrorKind } from './types';

/** What the person types in for a preset: the phone's address and its web credentials. */
export interface DeskPhoneInput {
  /** Host name or IP address, optionally with a port ("192.168.1.20", "phone-204.lan:8080"). */
  address: string;
  username: string;
  password: string;
}

export type DeskPhoneId = 'yealink' | 'snom' | 'grandstream' | 'poly' | 'fanvil';

export interface DeskPhonePreset {
  id: DeskPhoneId;
  /** Vendor and interface, as the options page lists it. */
  label: string;
  /** The vendor page the request follows. */
  source: { title: string; url: string };
  /** Whether the phone's command takes a user name (Grandstream's takes only a password). */
  usesUsername: boolean;
  /** The user name the vendor ships, filled in when the person leaves it blank. */
  defaultUsername: string;
  /** Plain http unless the phone's API is https only. */
  scheme: 'http' | 'https';
  /** The custom request (everything but the extension) for `input`. */
  request(input: DeskPhoneInput, scheme: string): Omit<CustomProvider, 'type' | 'extension'>;
}

/** Basic credentials as a header, or none when the phone has no web password set. */
function basic(input: DeskPhoneInput, fallbackUser: string): Record<string, string> {
  if (!input.password) return {};
  return { Authorization: basicAuthorization(input.username.trim() || fallbackUser, input.password) };
}

export const DESK_PHONE_PRESETS: readonly DeskPhonePreset[] = [
  {
    id: 'yealink',
    label: 'Yealink (Action URI)',
    source: {
      title: 'How To Remotely Control a Yealink Device (Action URI), after the Yealink Administrator Guide',
      url: 'https://support.interactivetel.com/hc/en-us/articles/24070689366804-How-To-Remotely-Control-a-Yealink-Device-Action-URI',
    },
    usesUsername: true,
    defaultUsername: 'admin',
    scheme: 'http',
    request: (input, scheme) => ({
      method: 'GET',
      url: `${scheme}://${input.address}/servlet?key=number={number}`,
      headers: basic(input, 'admin'),
      body: '',
    }),
  },
  {
    id: 'snom',
    label: 'Snom (command.htm)',
    source: {
      title: 'Snom service wiki, "Can I control my snom phone remotely" (Remote Dialing)',
      url: 'https://service.snom.com/display/wiki/Can+I+control+my+snom+phone+remotely',
    },
    usesUsername: true,
    defaultUsername: 'admin',
    scheme: 'http',
    request: (input, scheme) => ({
      method: 'GET',
      url: `${scheme}://${input.address}/command.htm?number={number}`,
      headers: basic(input, 'admin'),
      body: '',
    }),
  },
  {
    id: 'grandstream',
    label: 'Grandstream GXP/GRP (CTI api-make_call)',
    source: {
      title: 'Grandstream GRP26XX Carrier-Grade IP Phones CTI Guide, "Make Call" (mirror)',
      url: 'https://www.easymanua.ls/grandstream-networks/grp2616/manual/304618?p=6',
    },
    usesUsername: false,
    defaultUsername: '',
    scheme: 'http',
    request: (input, scheme) => ({
      method: 'GET',
      url: `${scheme}://${input.address}/cgi-bin/api-make_call?passcode=${encodeURIComponent(input.password)}&phonenumber={number}`,
      headers: {},
      body: '',
    }),
  },
  {
    id: 'poly',
    label: 'Poly VVX / Edge (REST API callctrl/dial)',
    source: {
      title: 'Poly UC Software REST API, callctrl/dial, as public clients call it (vvxme)',
      url: 'https://pypi.org/project/vvxme/',
    },
    usesUsername: true,
    defaultUsername: 'Polycom',
    scheme: 'https',
    request: (input, scheme) => ({
      method: 'POST',
      url: `${scheme}://${input.address}/api/v1/callctrl/dial`,
      headers: { 'Content-Type': 'application/json', ...basic(input, 'Polycom') },
      body: '{"data":{"Dest":"{number}","Line":"1","Type":"TEL"}}',
    }),
  },
  {
    // Fanvil's Active URI presses keys: the number's digits, then the Enter soft key. Fanvil's own "Action URL
    // and Active URI Specifications" could not be read beyond its contents; this is the command NethVoice (a
    // PBX that provisions Fanvil phones) ships for them, so the docs mark it inferred for Fanvil itself.
    id: 'fanvil',
    label: 'Fanvil (Active URI)',
    source: {
      title: 'NethVoice CTI phone URLs (Nethesis ns8-nethvoice), the "call" command for Fanvil phones',
      url: 'https://github.com/nethesis/ns8-nethvoice/blob/eca4c22a9d9f0e756dbc9214d6e4944b2c27f034/nethcti-server/root/etc/e-smith/templates/etc/nethcti/phone_urls.json/10base',
    },
    usesUsername: true,
    defaultUsername: 'admin',
    scheme: 'http',
    request: (input, scheme) => ({
      method: 'GET',
      url: `${scheme}://${input.address}/cgi-bin/ConfigManApp.com?key={number};ENTER`,
      headers: basic(input, 'admin'),
      body: '',
    }),
  },
];

/** Problems with what the person typed for a preset, one sentence each (empty when it can be filled in). */
export function deskPhoneInputProblems(preset: DeskPhonePreset, input: DeskPhoneInput): string[] {
  const problems: string[] = [];
  const address = input.address.trim();
  if (!address) problems.push("Enter the phone's IP address or host name (its web page's address).");
  else if (/[/?#@\s]/.test(address) || /^[a-z]+:/i.test(address.replace(/:\d+$/, ''))) {
    problems.push(`"${address}" is not an address: enter only the host, e.g. 192.168.1.20 or 192.168.1.20:8080.`);
  } else {
    try {
      new URL(`${preset.scheme}://${address}/`);
    } catch {
      problems.push(`"${address}" is not an address: enter only the host, e.g. 192.168.1.20 or 192.168.1.20:8080.`);
    }
  }
  if (preset.id === 'grandstream' && !input.password) {
    problems.push("Grandstream's CTI command needs the phone's admin (or user) password.");
  }
  return problems;
}

/** The custom request for `preset`, or the problems with `input`. */
export function deskPhoneRequest(
  preset: DeskPhonePreset,
  input: DeskPhoneInput,
): { ok: true; request: Omit<CustomProvider, 'type' | 'extension'> } | { ok: false; problems: string[] } {
  const problems = deskPhoneInputProblems(preset, input);
  if (problems.length) return { ok: false, problems };
  const trimmed = { ...input, address: input.address.trim() };
  return { ok: true, request: preset.request(trimmed, preset.scheme) };
}

/** A desk phone's refusal: the kind of failure and the phone's own words. */
export interface DeskPhoneRefusal {
  kind: ErrorKind;
  text: string;
}

/**
 * A desk phone's refusal inside a 2xx answer, or undefined: Grandstream's CTI answers `{"response":"error",
 * "body":…}` with HTTP 200, and Poly's REST API a `Status` other than "2000" (its 4xxx and 5xxx codes). Told apart
 * by the request path, so a template typed by hand is read the same way.
 */
export function deskPhoneRefusal(path: string, text: string): DeskPhoneRefusal | undefined {
  const grandstream = path.endsWith('/cgi-bin/api-make_call');
  if (!grandstream && !path.endsWith('/api/v1/callctrl/dial')) return undefined;
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof answer !== 'object' || answer === null) return undefined;
  const fields = answer as Record<string, unknown>;
  if (grandstream) {
    if (fields.response !== 'error') return undefined;
    const why = typeof fields.body === 'string' ? ` (${fields.body})` : '';
    return { kind: 'unexpected', text: `The phone refused the call: it answered "error"${why}.` };
  }
  const status = fields.Status;
  if (status === undefined || String(status) === '2000') return undefined;
  const known = POLY_STATUS[String(status)];
  return {
    kind: known?.[0] ?? 'unexpected',
    text: `The phone refused the call: Status ${String(status)}${known ? ` (${known[1]})` : ''}.`,
  };
}

/** Poly REST API return codes other than 2000 ("success"), with the kind of failure each is. */
const POLY_STATUS: Record<string, [ErrorKind, string]> = {
  '4000': ['number-rejected', 'invalid input parameters'],
  '4001': ['extension-unavailable', 'device busy'],
  '4002': ['extension-unavailable', 'line not registered'],
  '4003': ['permission', 'operation not allowed'],
  '4004': ['permission', 'operation not supported'],
  '4005': ['extension-unavailable', 'line does not exist'],
  '4009': ['number-rejected', 'input size limit exceeded'],
  '4010': ['permission', 'default password not allowed'],
  '5000': ['unexpected', 'failed to process the request'],
};
