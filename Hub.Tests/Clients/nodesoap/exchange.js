#!/usr/bin/env node
/*
 * An independent ePhyto hub client: node-soap (npm "soap", pinned by package-lock.json), built at run time from a WSDL
 * (the IPPC reference WSDL, or the one our hub serves).
 *
 * Only the endpoint address and the client certificates differ from a client of the real IPPC hub: every participant
 * has its own client, created with soap.createClientAsync(wsdl, { endpoint }), whose ClientSSLSecurity carries its
 * PEM pair and trusts only the hub's server certificate. With --soap12 the clients use forceSoap12Headers (SOAP 1.2
 * envelope and Content-Type application/soap+xml; action="...") with the WSDL's SOAP 1.1 binding. preserveWhitespace
 * is on: by default node-soap trims the text it parses (a Content ending in a newline would come back one character short).
 *
 * Usage:
 *   node exchange.js --address https://127.0.0.1:PORT/hub/DeliveryService --certs DIR --wsdl PATH [--soap12] [--debug]
 *
 * DIR holds server.crt.pem and, per participant nl|ke|us, CODE.crt.pem and CODE.key.pem.
 * Runs the same steps as ../zeep/exchange.py. Prints one line per step, "ok <step>" or "FAIL <step>: <detail>" (after
 * a failure, the raw request and response of the participant's last call, indented); exits 0 only if every step passed.
 */
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const sax = require('sax');
const soap = require('soap');

const TNS = 'http://ephyto.ippc.int/';
const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';
const ACTION_BASE = 'http://ephyto.ippc.int/IDeliveryService/';
const DEFAULT_WSDL = '/work/shared/reference/ephyto/ippc-hub-DeliveryService.wsdl';
const CALL_TIMEOUT_MS = 30000;

// The same Content as the zeep client: non-ASCII (Latin-1, a dash, CJK, a character outside the BMP), characters XML
// must escape, and whitespace that an XML parser keeps (tabs, LF). No CR: XML parsers normalise CR by design.
function contentFor(number) {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<rsm:SPSCertificate xmlns:rsm="urn:un:unece:uncefact:data:standard:SPSCertificate:17"' +
    ' xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:21">\n' +
    '\t<rsm:SPSExchangedDocument>\n' +
    '\t\t<ram:Name>Phytosanitary Certificate</ram:Name>\n' +
    `\t\t<ram:ID>${number}</ram:ID>\n` +
    '\t\t<ram:TypeCode>851</ram:TypeCode>\n' +
    '\t\t<ram:StatusCode>70</ram:StatusCode>\n' +
    '\t\t<ram:IncludedSPSNote><ram:Subject>SPSFL</ram:Subject><ram:Content languageID="nl">' +
    'Müller – 植物 🌱 «a &amp; b» &lt;c&gt; "q" \'a\'</ram:Content></ram:IncludedSPSNote>\n' +
    '\t</rsm:SPSExchangedDocument>\n' +
    '\t<rsm:SPSConsignment>\n' +
    '\t\t<ram:ConsignorSPSParty><ram:Name>Kwekerij Müller B.V.</ram:Name></ram:ConsignorSPSParty>\n' +
    '\t\t<ram:ConsigneeSPSParty><ram:Name>Nairobi Flowers Ltd – 植物</ram:Name></ram:ConsigneeSPSParty>\n' +
    '\t</rsm:SPSConsignment>\n' +
    '</rsm:SPSCertificate>\n'
  );
}

class AssertionFailure extends Error {}

function check(condition, message) {
  if (!condition) throw new AssertionFailure(typeof message === 'function' ? message() : message);
}

/** A SOAP fault as node-soap reports it: an Error whose root is the parsed response envelope with Body.Fault. */
function faultOf(error) {
  const fault = error && error.root && error.root.Envelope && error.root.Envelope.Body && error.root.Envelope.Body.Fault;
  return fault || null;
}

function faultSummary(fault) {
  const code = fault.faultcode || (fault.Code && fault.Code.Value);
  const reason = fault.faultstring || (fault.Reason && fault.Reason.Text);
  const text = (v) => (v && typeof v === 'object' && '$value' in v ? v.$value : v);
  return `${text(code)}: ${text(reason)}`;
}

function oneLine(value) {
  return String(value).split(/\s+/).filter(Boolean).join(' ');
}

function show(value) {
  return JSON.stringify(value === undefined ? null : value);
}

/** The items of an ArrayOfX result ({X: [...]}, {X: {...}} for one, or null/absent/'' when empty). */
function items(array, itemName) {
  if (array === null || array === undefined || typeof array !== 'object') return [];
  const list = Array.isArray(array) ? array : array[itemName];
  if (list === null || list === undefined) return [];
  return (Array.isArray(list) ? list : [list]).filter((i) => i !== null && i !== undefined);
}

function headerNumbers(array, itemName) {
  return items(array, itemName).map((i) => i.hubDeliveryNumber);
}

function firstDifference(expected, actual) {
  if (actual === null || actual === undefined) return `Content missing (expected ${expected.length} characters)`;
  const e = Array.from(expected);
  const a = Array.from(actual);
  for (let i = 0; i < Math.min(e.length, a.length); i++) {
    if (e[i] !== a[i]) {
      return `at character ${i} expected ${show(e[i])}, got ${show(a[i])} (...${show(a.slice(Math.max(0, i - 20), i + 20).join(''))}...)`;
    }
  }
  return `lengths differ: expected ${e.length}, got ${a.length}`;
}

/**
 * Namespace-aware check of a raw fault response: the fault's detail element (SOAP 1.1 `detail`, SOAP 1.2
 * `env:Detail`) holds {http://ephyto.ippc.int/}HubWebException; returns its {http://ephyto.ippc.int/}message text, or
 * undefined when there is no such element (null when it has no message child).
 */
function hubWebExceptionMessage(rawXml) {
  const parser = sax.parser(true, { xmlns: true });
  const stack = [];
  let found;
  let message = null;
  let inMessage = false;
  parser.onopentag = (node) => {
    const parent = stack[stack.length - 1];
    stack.push(node);
    const isDetail = parent && ((parent.uri === '' && parent.local === 'detail') || (parent.uri === SOAP12 && parent.local === 'Detail'));
    if (isDetail && node.uri === TNS && node.local === 'HubWebException') found = true;
    if (found && parent && parent.uri === TNS && parent.local === 'HubWebException' && node.uri === TNS && node.local === 'message') {
      inMessage = true;
      message = '';
    }
  };
  parser.ontext = (text) => { if (inMessage) message += text; };
  parser.oncdata = (text) => { if (inMessage) message += text; };
  parser.onclosetag = () => {
    const node = stack.pop();
    if (node && node.uri === TNS && node.local === 'message') inMessage = false;
  };
  parser.write(String(rawXml)).close();
  return found ? message : undefined;
}

class Exchange {
  constructor(address, certs, wsdl, soap12, debug) {
    this.address = address;
    this.certs = certs;
    this.wsdl = wsdl;
    this.soap12 = soap12;
    this.debug = debug;
    this.failures = 0;
    this.runId = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14) + '-' + crypto.randomBytes(4).toString('hex');
    this.clients = {};
    this.lastClient = null;
  }

  // ---- plumbing ---------------------------------------------------------------------------------

  /** One node-soap client per participant, each with its own client certificate. */
  async createClient(code) {
    const lower = code.toLowerCase();
    const client = await soap.createClientAsync(this.wsdl, {
      endpoint: this.address,
      forceSoap12Headers: this.soap12,
      // node-soap trims leading and trailing whitespace of every text value by default, which would change a
      // Content that ends with a newline; a national system must get its certificate back byte for byte.
      preserveWhitespace: true,
    });
    client.setSecurity(new soap.ClientSSLSecurity(
      path.join(this.certs, lower + '.key.pem'),
      path.join(this.certs, lower + '.crt.pem'),
      path.join(this.certs, 'server.crt.pem')));
    if (this.debug) {
      client.on('request', (xml) => console.log(`[${code}] request:\n${xml}`));
      client.on('response', (body, response) =>
        console.log(`[${code}] response ${response ? response.status : '(none)'}:\n${body}`));
    }
    this.clients[code] = client;
    return client;
  }

  /** Calls an operation as participant `code`; resolves to node-soap's result object (the response wrapper's content). */
  async call(code, operation, args) {
    const client = this.clients[code];
    this.lastClient = client;
    // A fresh options object per call: ClientSSLSecurity puts its https agent into it. proxy: false keeps loopback
    // traffic off any HTTPS_PROXY of the environment (axios honours it by default).
    const [result] = await client[operation + 'Async'](args, { timeout: CALL_TIMEOUT_MS, proxy: false });
    return result;
  }

  ok(step, detail) {
    console.log(`ok ${step}${detail ? ' (' + detail + ')' : ''}`);
  }

  fail(step, detail) {
    this.failures += 1;
    console.log(`FAIL ${step}: ${oneLine(detail)}`);
  }

  /** The raw exchange of the last call, for a failure report (indented, so it is never read as a step line). */
  printLastExchange() {
    const client = this.lastClient;
    if (!client || !client.lastRequest) return;
    const headers = client.lastRequestHeaders ? JSON.stringify(Object.assign({}, client.lastRequestHeaders)) : '(unknown)';
    console.log(`    raw request to ${client.lastEndpoint}, headers ${headers}:`);
    console.log('    ' + client.lastRequest);
    const response = typeof client.lastResponse === 'string' ? client.lastResponse : show(client.lastResponse);
    console.log(`    raw response, headers ${show(client.lastResponseHeaders || null)}:`);
    console.log('    ' + response);
  }

  /** Runs one step; its action returns a detail string (or nothing) or throws. */
  async step(name, action) {
    this.lastClient = null;
    try {
      const detail = await action();
      this.ok(name, detail || '');
      return true;
    } catch (e) {
      const fault = faultOf(e);
      if (e instanceof AssertionFailure) this.fail(name, e.message);
      else if (fault) this.fail(name, `unexpected SOAP fault: ${faultSummary(fault)} ${show(fault.detail || fault.Detail || null)}`);
      else this.fail(name, `${e && e.name}: ${e && e.message}`);
      this.printLastExchange();
      if (this.debug && e && e.stack) console.log(e.stack);
      return false;
    }
  }

  newNumber(tag) {
    return `NL-${tag}-${this.runId}`;
  }

  async deliver(sender, to, number, certificateType = 851, status = 70, content = null) {
    const result = await this.call(sender, 'DeliverEnvelope', {
      env: {
        From: sender,
        To: to,
        CertificateType: certificateType,
        CertificateStatus: status,
        NPPOCertificateNumber: number,
        Content: content !== null ? content : contentFor(number),
      },
    });
    return result ? result.DeliverEnvelopeResult : null;
  }

  /** The call must fail with a SOAP fault whose detail is a HubWebException; returns its message. */
  async expectFault(call) {
    let result;
    try {
      result = await call();
    } catch (e) {
      const fault = faultOf(e);
      if (!fault) throw e;
      const detail = fault.detail || fault.Detail;
      const raw = e.body !== undefined ? e.body : this.lastClient && this.lastClient.lastResponse;
      const message = hubWebExceptionMessage(raw);
      check(detail && detail.HubWebException && message !== undefined,
        () => `SOAP fault without a {${TNS}}HubWebException detail: ${faultSummary(fault)} ${show(detail || null)}`);
      return `HubWebException: ${message !== null ? message : faultSummary(fault)}`;
    }
    throw new AssertionFailure(`expected a SOAP fault, got ${show(result)}`);
  }

  /** What node-soap put on the wire for the last call (the SOAP version's envelope and action), and the version of the answer. */
  wireOfLastCall(operation) {
    const client = this.lastClient;
    const headers = Object.assign({}, client.lastRequestHeaders || {});
    const header = (name) => {
      const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
      return key === undefined ? undefined : String(headers[key]);
    };
    const contentType = header('Content-Type') || '';
    const action = ACTION_BASE + operation;
    if (this.soap12) {
      check(/^application\/soap\+xml\s*;/i.test(contentType) && contentType.includes(`action="${action}"`),
        `SOAP 1.2: Content-Type ${show(contentType)}, expected application/soap+xml with action="${action}"`);
      check(header('SOAPAction') === undefined, `SOAP 1.2: unexpected SOAPAction header ${show(header('SOAPAction'))}`);
      check(client.lastRequest.includes(`="${SOAP12}"`), `SOAP 1.2: envelope not in ${SOAP12}: ${client.lastRequest.slice(0, 200)}`);
    } else {
      check(/^text\/xml\s*;/i.test(contentType), `SOAP 1.1: Content-Type ${show(contentType)}, expected text/xml`);
      check(header('SOAPAction') === `"${action}"`, `SOAP 1.1: SOAPAction ${show(header('SOAPAction'))}, expected "${action}"`);
      check(client.lastRequest.includes(`="${SOAP11}"`), `SOAP 1.1: envelope not in ${SOAP11}: ${client.lastRequest.slice(0, 200)}`);
    }
    // The hub answers in the SOAP version of the request.
    const responseHeaders = Object.assign({}, client.lastResponseHeaders || {});
    const responseType = String(responseHeaders['content-type'] || '');
    const response = typeof client.lastResponse === 'string' ? client.lastResponse : '';
    if (this.soap12) {
      check(/^application\/soap\+xml\s*(;|$)/i.test(responseType) && response.includes(`="${SOAP12}"`),
        `SOAP 1.2 request answered with Content-Type ${show(responseType)}: ${response.slice(0, 200)}`);
    } else {
      check(/^text\/xml\s*(;|$)/i.test(responseType) && response.includes(`="${SOAP11}"`),
        `SOAP 1.1 request answered with Content-Type ${show(responseType)}: ${response.slice(0, 200)}`);
    }
    return `sent Content-Type ${contentType}${this.soap12 ? '' : ', SOAPAction ' + header('SOAPAction')}; ` +
      `answered with ${responseType}`;
  }

  // ---- the exchange -----------------------------------------------------------------------------

  async run() {
    for (const code of ['NL', 'KE', 'US']) await this.createClient(code);
    this.ok('setup', `node-soap ${require('soap/package.json').version}, WSDL ${this.wsdl}, ` +
      `SOAP ${this.soap12 ? '1.2 (forceSoap12Headers)' : '1.1'}, endpoint ${this.address}`);

    const state = {};
    const firstNumber = this.newNumber('NODESOAP-1');
    const firstContent = contentFor(firstNumber);

    // a. NL delivers to KE.
    const a = await this.step('a.deliver', async () => {
      const header = await this.deliver('NL', 'KE', firstNumber, 851, 70, firstContent);
      const wire = this.wireOfLastCall('DeliverEnvelope');
      check(header, 'DeliverEnvelope returned no header');
      check(header.hubDeliveryNumber, () => `no hubDeliveryNumber in ${show(header)}`);
      check(header.HUBTrackingInfo === 'PendingDelivery',
        () => `HUBTrackingInfo ${show(header.HUBTrackingInfo)}, expected PendingDelivery (${show(header)})`);
      check(header.From === 'NL' && header.To === 'KE' && header.NPPOCertificateNumber === firstNumber,
        () => `header does not echo the envelope: ${show(header)}`);
      state.n1 = header.hubDeliveryNumber;
      return `hubDeliveryNumber=${header.hubDeliveryNumber}; ${wire}`;
    });
    if (!a) this.fail('b-f', 'skipped: step a did not return a delivery number');
    else await this.runBToD(state.n1, firstContent);
    await this.runE();
    await this.runF();
    await this.runG(state.n1);
    await this.runH();
    return this.failures === 0;
  }

  async runBToD(n1, content) {
    await this.step('b.tracking-pending', async () => {
      const header = (await this.call('NL', 'GetEnvelopeTrackingInfo', { hubTrackingNumber: n1 }) || {}).GetEnvelopeTrackingInfoResult;
      check(header && header.HUBTrackingInfo === 'PendingDelivery', () => `expected PendingDelivery, got ${show(header)}`);
    });

    await this.step('b.under-delivery-lists', async () => {
      const result = await this.call('NL', 'GetUnderDeliveryEnvelope', {});
      const numbers = headerNumbers(result && result.GetUnderDeliveryEnvelopeResult, 'EnvelopeHeader');
      check(numbers.includes(n1), () => `${n1} not in GetUnderDeliveryEnvelope ${show(numbers)}`);
      return `${numbers.length} listed`;
    });

    await this.step('c.import-headers-list', async () => {
      const result = await this.call('KE', 'GetImportEnvelopeHeaders', { countryCode: '' });
      const numbers = headerNumbers(result && result.GetImportEnvelopeHeadersResult, 'EnvelopeHeader');
      check(numbers.includes(n1), () => `${n1} not in GetImportEnvelopeHeaders ${show(numbers)}`);
      return `${numbers.length} listed`;
    });

    await this.step('c.pull-single-content-equal', async () => {
      const result = await this.call('KE', 'PULLSingleImportEnvelope', { hubTrackingNumber: n1 });
      const envelope = result && result.PULLSingleImportEnvelopeResult;
      check(envelope, 'no envelope');
      check(envelope.hubDeliveryNumber === n1, () => `hubDeliveryNumber ${show(envelope.hubDeliveryNumber)}`);
      check(envelope.From === 'NL' && envelope.To === 'KE', () => `From/To ${show(envelope.From)}/${show(envelope.To)}`);
      check(Number(envelope.CertificateType) === 851 && Number(envelope.CertificateStatus) === 70,
        () => `type/status ${show(envelope.CertificateType)}/${show(envelope.CertificateStatus)}`);
      check(envelope.Content === content, () => `Content differs: ${firstDifference(content, envelope.Content)}`);
      return `${Array.from(content).length} characters equal`;
    });

    await this.step('c.pull-import-lists', async () => {
      // The result element of PULLImportEnvelope is PULLImportEnvelopesResult (the reference WSDL's quirk).
      const result = await this.call('KE', 'PULLImportEnvelope', {});
      const numbers = headerNumbers(result && result.PULLImportEnvelopesResult, 'Envelope');
      check(numbers.includes(n1), () => `${n1} not in PULLImportEnvelope ${show(numbers)}`);
      return `${numbers.length} listed`;
    });

    await this.step('d.acknowledge', async () => {
      await this.call('KE', 'AcknowledgeEnvelopeReceipt', { hubTrackingNumber: n1 });
    });

    await this.step('d.tracking-delivered', async () => {
      const header = (await this.call('NL', 'GetEnvelopeTrackingInfo', { hubTrackingNumber: n1 }) || {}).GetEnvelopeTrackingInfoResult;
      check(header && header.HUBTrackingInfo === 'Delivered', () => `expected Delivered, got ${show(header)}`);
    });

    await this.step('d.second-ack-faults', () =>
      this.expectFault(() => this.call('KE', 'AcknowledgeEnvelopeReceipt', { hubTrackingNumber: n1 })));

    await this.step('d.acknowledged-not-listed', async () => {
      const result = await this.call('KE', 'GetImportEnvelopeHeaders', { countryCode: '' });
      const numbers = headerNumbers(result && result.GetImportEnvelopeHeadersResult, 'EnvelopeHeader');
      check(!numbers.includes(n1), `${n1} still listed after acknowledgement`);
    });
  }

  async acknowledgedVariant(tag, letter, certificateType, ackName, ack, expectedState, expectedMessage) {
    const number = this.newNumber('NODESOAP-' + tag);
    const state = {};
    const delivered = await this.step(letter + '.deliver', async () => {
      const header = await this.deliver('NL', 'KE', number, certificateType);
      check(header && header.hubDeliveryNumber && header.HUBTrackingInfo === 'PendingDelivery',
        () => `expected a PendingDelivery header, got ${show(header)}`);
      state.n = header.hubDeliveryNumber;
      return `hubDeliveryNumber=${header.hubDeliveryNumber}`;
    });
    if (!delivered) return;
    const n = state.n;

    await this.step(letter + '.pull', async () => {
      const envelope = (await this.call('KE', 'PULLSingleImportEnvelope', { hubTrackingNumber: n }) || {}).PULLSingleImportEnvelopeResult;
      check(envelope && envelope.hubDeliveryNumber === n, () => `got ${show(envelope)}`);
    });

    await this.step(letter + '.' + ackName, async () => {
      const result = await ack(n);
      return `return=${show(result && typeof result === 'object' && 'return' in result ? result.return : null)}`;
    });

    await this.step(letter + '.tracking-' + expectedState, async () => {
      const header = (await this.call('NL', 'GetEnvelopeTrackingInfo', { hubTrackingNumber: n }) || {}).GetEnvelopeTrackingInfoResult;
      check(header, 'no header');
      check(header.HUBTrackingInfo === expectedState,
        () => `expected ${expectedState}, got ${show(header.HUBTrackingInfo)} (${show(header)})`);
      check(header.hubDeliveryErrorMessage === expectedMessage,
        () => `hubDeliveryErrorMessage ${show(header.hubDeliveryErrorMessage)}, expected ${show(expectedMessage)}`);
    });
  }

  async runE() {
    await this.acknowledgedVariant('2', 'e', 657, 'advanced-ack',
      (n) => this.call('KE', 'AdvancedAcknowledgeEnvelopeReceipt', { hubTrackingNumber: n, warningMessage: 'weight missing' }),
      'DeliveredWithWarnings', 'weight missing');
  }

  async runF() {
    await this.acknowledgedVariant('3', 'f', 851, 'failed-ack',
      (n) => this.call('KE', 'AcknowledgeFailedEnvelopeReceipt', { hubTrackingNumber: n, message: 'not readable' }),
      'DeliveredNotReadable', 'not readable');
  }

  async runG(n1) {
    const tracking = async (code, number) =>
      (await this.call(code, 'GetEnvelopeTrackingInfo', { hubTrackingNumber: number }) || {}).GetEnvelopeTrackingInfoResult;

    await this.step('g.foreign-tracking-not-exists', async () => {
      check(n1, 'skipped: step a did not return a delivery number');
      const header = await tracking('KE', n1);
      check(header && header.HUBTrackingInfo === 'EnvelopeNotExists', () => `expected EnvelopeNotExists, got ${show(header)}`);
    });

    await this.step('g.unknown-number-not-exists', async () => {
      const header = await tracking('NL', 'no-such-' + crypto.randomBytes(16).toString('hex'));
      check(header && header.HUBTrackingInfo === 'EnvelopeNotExists', () => `expected EnvelopeNotExists, got ${show(header)}`);
    });

    const number = this.newNumber('NODESOAP-4');
    const state = {};
    const delivered = await this.step('g.deliver-to-KE', async () => {
      const header = await this.deliver('NL', 'KE', number);
      check(header && header.hubDeliveryNumber && header.HUBTrackingInfo === 'PendingDelivery',
        () => `expected a PendingDelivery header, got ${show(header)}`);
      state.n = header.hubDeliveryNumber;
    });
    if (delivered) {
      const n = state.n;
      await this.step('g.other-participant-pull-faults', () =>
        this.expectFault(() => this.call('US', 'PULLSingleImportEnvelope', { hubTrackingNumber: n })));

      await this.step('g.other-participant-not-listed', async () => {
        let result = await this.call('US', 'GetImportEnvelopeHeaders', { countryCode: '' });
        let numbers = headerNumbers(result && result.GetImportEnvelopeHeadersResult, 'EnvelopeHeader');
        check(!numbers.includes(n), `US lists KE's envelope ${n}`);
        result = await this.call('US', 'PULLImportEnvelope', {});
        numbers = headerNumbers(result && result.PULLImportEnvelopesResult, 'Envelope');
        check(!numbers.includes(n), `US PULLImportEnvelope returns KE's envelope ${n}`);
      });

      await this.step('g.other-participant-ack-faults', () =>
        this.expectFault(() => this.call('US', 'AcknowledgeEnvelopeReceipt', { hubTrackingNumber: n })));

      await this.step('g.still-pending-for-recipient', async () => {
        const header = await tracking('NL', n);
        check(header && header.HUBTrackingInfo === 'PendingDelivery', () => `expected PendingDelivery, got ${show(header)}`);
        await this.call('KE', 'AcknowledgeEnvelopeReceipt', { hubTrackingNumber: n });
      });
    }

    await this.step('g.unknown-to-failed-delivery', async () => {
      const header = await this.deliver('NL', 'ZZ', this.newNumber('NODESOAP-ZZ'));
      check(header, 'no header');
      check(header.HUBTrackingInfo === 'FailedDelivery',
        () => `expected FailedDelivery, got ${show(header.HUBTrackingInfo)} (${show(header)})`);
      check(header.hubDeliveryErrorMessage, 'no hubDeliveryErrorMessage');
      return `hubDeliveryErrorMessage=${show(header.hubDeliveryErrorMessage)}`;
    });
  }

  async runH() {
    await this.step('h.active-nppos', async () => {
      const result = await this.call('KE', 'GetActiveNppos', {});
      const countries = items(result && result.GetActiveNpposResult, 'Nppo').map((n) => n.Country).sort();
      const missing = ['KE', 'NL', 'US'].filter((c) => !countries.includes(c));
      check(missing.length === 0, () => `missing ${show(missing)} in GetActiveNppos ${show(countries)}`);
      return `countries=${countries.join(',')}`;
    });

    await this.step('h.profile', async () => {
      const result = (await this.call('NL', 'GetProfile', {}) || {}).GetProfileResult;
      check(result && result.Country === 'NL', () => `expected Country NL, got ${show(result)}`);
      const other = (await this.call('KE', 'GetProfile', {}) || {}).GetProfileResult;
      check(other && other.Country === 'KE', () => `KE's profile: expected Country KE, got ${show(other)}`);
    });

    await this.step('h.available-channels', async () => {
      const result = await this.call('NL', 'GetAvailableChannels', {});
      return `${items(result && result.GetAvailableChannelsResult, 'Channel').length} channels`;
    });
  }
}

function parseArguments(argv) {
  const args = { wsdl: process.env.EPHYTO_REFERENCE_WSDL || DEFAULT_WSDL, soap12: false, debug: false };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${name} needs a value`);
      return argv[++i];
    };
    if (name === '--address') args.address = value();
    else if (name === '--certs') args.certs = value();
    else if (name === '--wsdl') args.wsdl = value();
    else if (name === '--soap12') args.soap12 = true;
    else if (name === '--debug') args.debug = true;
    else throw new Error(`unknown argument ${name}`);
  }
  if (!args.address || !args.certs) throw new Error('--address and --certs are required');
  return args;
}

async function main() {
  let args;
  try {
    args = parseArguments(process.argv.slice(2));
  } catch (e) {
    console.log(`FAIL setup: ${e.message}\nusage: node exchange.js --address URL --certs DIR [--wsdl PATH] [--soap12] [--debug]`);
    return 2;
  }
  if (!fs.existsSync(args.wsdl)) {
    console.log(`FAIL setup: WSDL not found: ${args.wsdl}`);
    return 2;
  }
  const exchange = new Exchange(args.address, args.certs, args.wsdl, args.soap12, args.debug);
  let passed;
  try {
    passed = await exchange.run();
  } catch (e) {
    exchange.fail('run', `${e && e.name}: ${e && e.message}`);
    if (e && e.stack) console.log(e.stack);
    passed = false;
  }
  console.log(`${passed ? 'PASSED' : 'FAILED'}: ${exchange.failures} failed step(s)`);
  return passed ? 0 : 1;
}

main().then((code) => { process.exitCode = code; });
