import { describe, expect, it } from 'vitest';
import { basicAuthorization } from '../net/basic-auth';
import { DESK_PHONE_PRESETS, deskPhoneRefusal, deskPhoneRequest, type DeskPhoneId } from './desk-phones';

const preset = (id: DeskPhoneId) => DESK_PHONE_PRESETS.find((p) => p.id === id)!;

describe('deskPhoneRequest', () => {
  it('fills the phone address into the request and the credentials into a Basic header', () => {
    const filled = deskPhoneRequest(preset('yealink'), { address: ' 10.0.0.7 ', username: 'ops', password: 'pw' });
    expect(filled).toEqual({
      ok: true,
      request: {
        method: 'GET',
        url: 'http://10.0.0.7/servlet?key=number={number}',
        headers: { Authorization: basicAuthorization('ops', 'pw') },
        body: '',
      },
    });
  });

  it("uses the vendor's user name when none is typed, and sends no header without a password", () => {
    const poly = deskPhoneRequest(preset('poly'), { address: 'vvx.lan', username: '', password: 'pw' });
    expect(poly.ok && poly.request.headers.Authorization).toBe(basicAuthorization('Polycom', 'pw'));
    expect(poly.ok && poly.request.url).toBe('https://vvx.lan/api/v1/callctrl/dial');
    const snom = deskPhoneRequest(preset('snom'), { address: 'snom.lan:8080', username: '', password: '' });
    expect(snom.ok && snom.request.headers).toEqual({});
    expect(snom.ok && snom.request.url).toBe('http://snom.lan:8080/command.htm?number={number}');
  });

  it("fills Fanvil's Active URI key sequence: the number's keys, then Enter, with the web user admin by default", () => {
    const filled = deskPhoneRequest(preset('fanvil'), { address: '10.0.0.9:8080', username: '', password: 'pw' });
    expect(filled).toEqual({
      ok: true,
      request: {
        method: 'GET',
        url: 'http://10.0.0.9:8080/cgi-bin/ConfigManApp.com?key={number};ENTER',
        headers: { Authorization: basicAuthorization('admin', 'pw') },
        body: '',
      },
    });
    // Fanvil signals no refusal in a 200 body: its 200 is an accepted command.
    expect(deskPhoneRefusal('/cgi-bin/ConfigManApp.com', 'OK')).toBeUndefined();
  });

  it('escapes the Grandstream passcode in its query, so it cannot add parameters or placeholders', () => {
    const filled = deskPhoneRequest(preset('grandstream'), { address: 'gxp', username: '', password: 'a&b={number}' });
    expect(filled.ok && filled.request.url).toBe(
      'http://gxp/cgi-bin/api-make_call?passcode=a%26b%3D%7Bnumber%7D&phonenumber={number}',
    );
  });

  it('encodes non-ASCII credentials as UTF-8', () => {
    expect(basicAuthorization('müller', 'pä')).toBe(`Basic ${Buffer.from('müller:pä', 'utf8').toString('base64')}`);
  });

  it('names each problem with what was typed', () => {
    const problems = (address: string, id: DeskPhoneId = 'yealink', password = 'pw') => {
      const filled = deskPhoneRequest(preset(id), { address, username: '', password });
      return filled.ok ? [] : filled.problems;
    };
    expect(problems('')).toEqual(["Enter the phone's IP address or host name (its web page's address)."]);
    expect(problems('http://10.0.0.7/')).toEqual([
      '"http://10.0.0.7/" is not an address: enter only the host, e.g. 192.168.1.20 or 192.168.1.20:8080.',
    ]);
    expect(problems('admin:pw@10.0.0.7')).toHaveLength(1);
    expect(problems('10.0.0.7', 'grandstream', '')).toEqual([
      "Grandstream's CTI command needs the phone's admin (or user) password.",
    ]);
    expect(problems('10.0.0.7:8080')).toEqual([]);
  });
});

describe('deskPhoneRefusal', () => {
  it("reads Grandstream's error answer and Poly's status codes; everything else is not a refusal", () => {
    expect(deskPhoneRefusal('/cgi-bin/api-make_call', '{"response":"error","body":false}')).toEqual({
      kind: 'unexpected',
      text: 'The phone refused the call: it answered "error".',
    });
    expect(deskPhoneRefusal('/cgi-bin/api-make_call', '{"response":"success","body":true}')).toBeUndefined();
    expect(deskPhoneRefusal('/api/v1/callctrl/dial', '{"Status":"4001"}')).toEqual({
      kind: 'extension-unavailable',
      text: 'The phone refused the call: Status 4001 (device busy).',
    });
    expect(deskPhoneRefusal('/api/v1/callctrl/dial', '{"Status":"4999"}')).toEqual({
      kind: 'unexpected',
      text: 'The phone refused the call: Status 4999.',
    });
    expect(deskPhoneRefusal('/api/v1/callctrl/dial', '{"Status":"2000"}')).toBeUndefined();
    expect(deskPhoneRefusal('/api/v1/callctrl/dial', 'OK')).toBeUndefined();
    // Another endpoint's JSON with the same words is the user's own business.
    expect(deskPhoneRefusal('/custom/dial', '{"response":"error"}')).toBeUndefined();
  });
});
