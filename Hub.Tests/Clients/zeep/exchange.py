#!/usr/bin/python3
"""An independent ePhyto hub client: zeep, generated at run time from the IPPC reference WSDL.

Only the endpoint address and the client certificates differ from a client of the real IPPC hub:
the service is bound with create_service() to --address, and every participant has its own
requests Session (cert = its PEM pair, verify = the hub's server certificate).

Usage:
  /usr/bin/python3 exchange.py --address https://127.0.0.1:PORT/hub/DeliveryService --certs DIR
                               [--wsdl PATH] [--debug]

DIR holds server.crt.pem and, per participant nl|ke|us, CODE.crt.pem and CODE.key.pem.
Prints one line per step, "ok <step>" or "FAIL <step>: <detail>"; exits 0 only if every step passed.
"""

import argparse
import logging
import os
import sys
import traceback
import uuid
from datetime import datetime, timezone

import requests
import zeep
from zeep.exceptions import Fault
from zeep.transports import Transport

BINDING = "{http://ephyto.ippc.int/}DeliveryServiceSoapBinding"
TNS = "http://ephyto.ippc.int/"
HUB = "http://ephyto.ippc.int/HUB.Entities"
DEFAULT_WSDL = "/work/shared/reference/ephyto/ippc-hub-DeliveryService.wsdl"

# Non-ASCII (Latin-1, a dash, CJK, a character outside the BMP), characters XML must escape, and
# whitespace that an XML parser keeps (tabs, LF). No CR: XML parsers normalise CR by design.
CONTENT_TEMPLATE = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<rsm:SPSCertificate xmlns:rsm="urn:un:unece:uncefact:data:standard:SPSCertificate:17"'
    ' xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:21">\n'
    "\t<rsm:SPSExchangedDocument>\n"
    "\t\t<ram:Name>Phytosanitary Certificate</ram:Name>\n"
    "\t\t<ram:ID>{number}</ram:ID>\n"
    "\t\t<ram:TypeCode>851</ram:TypeCode>\n"
    "\t\t<ram:StatusCode>70</ram:StatusCode>\n"
    '\t\t<ram:IncludedSPSNote><ram:Subject>SPSFL</ram:Subject><ram:Content languageID="nl">'
    "Müller – 植物 🌱 «a &amp; b» &lt;c&gt; \"q\" 'a'</ram:Content></ram:IncludedSPSNote>\n"
    "\t</rsm:SPSExchangedDocument>\n"
    "\t<rsm:SPSConsignment>\n"
    "\t\t<ram:ConsignorSPSParty><ram:Name>Kwekerij Müller B.V.</ram:Name></ram:ConsignorSPSParty>\n"
    "\t\t<ram:ConsigneeSPSParty><ram:Name>Nairobi Flowers Ltd – 植物</ram:Name></ram:ConsigneeSPSParty>\n"
    "\t</rsm:SPSConsignment>\n"
    "</rsm:SPSCertificate>\n"
)


class Exchange:
    def __init__(self, address, certs, wsdl):
        self.address = address
        self.certs = certs
        self.wsdl = wsdl
        self.failures = 0
        self.run_id = datetime.now(timezone.utc).strftime("%Y%m%d%H%M%S") + "-" + uuid.uuid4().hex[:8]
        self.services = {}
        self.clients = {}

    # ---- plumbing -------------------------------------------------------------------------------

    def service(self, code):
        """One zeep client per participant: its own requests Session carries its own client certificate."""
        if code not in self.services:
            session = requests.Session()
            lower = code.lower()
            session.cert = (
                os.path.join(self.certs, lower + ".crt.pem"),
                os.path.join(self.certs, lower + ".key.pem"),
            )
            session.verify = os.path.join(self.certs, "server.crt.pem")
            # requests lets REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE override session.verify (psf/requests#3829),
            # and HTTPS_PROXY would route loopback traffic elsewhere: use only what is configured here.
            session.trust_env = False
            client = zeep.Client(self.wsdl, transport=Transport(session=session, timeout=30, operation_timeout=30))
            self.clients[code] = client
            self.services[code] = client.create_service(BINDING, self.address)
        return self.services[code]

    def envelope(self, code, **fields):
        client = self.clients[code]
        envelope_type = client.get_type("{%s}Envelope" % HUB)
        return envelope_type(**fields)

    def ok(self, step, detail=""):
        print("ok %s%s" % (step, (" (" + detail + ")") if detail else ""), flush=True)

    def fail(self, step, detail):
        self.failures += 1
        print("FAIL %s: %s" % (step, " ".join(str(detail).split())), flush=True)

    def step(self, name, action):
        """Runs one step; its action returns a detail string or raises AssertionError / any error."""
        try:
            detail = action()
            self.ok(name, detail or "")
            return True
        except AssertionError as e:
            self.fail(name, e)
        except Fault as f:
            self.fail(name, "unexpected SOAP fault: %s %s" % (f.message, detail_text(f)))
        except Exception as e:  # noqa: BLE001 - report everything as a failed step
            self.fail(name, "%s: %s" % (type(e).__name__, e))
            if logging.getLogger("zeep.transports").isEnabledFor(logging.DEBUG):
                traceback.print_exc()
        return False

    def new_number(self, tag):
        return "NL-%s-%s" % (tag, self.run_id)

    def deliver(self, sender, to, number, certificate_type=851, status=70, content=None):
        svc = self.service(sender)
        env = self.envelope(
            sender,
            From=sender,
            To=to,
            CertificateType=certificate_type,
            CertificateStatus=status,
            NPPOCertificateNumber=number,
            Content=content if content is not None else CONTENT_TEMPLATE.format(number=number),
        )
        return svc.DeliverEnvelope(env=env)

    def expect_fault(self, call):
        """The call must fail with a SOAP fault whose detail is a HubWebException; returns its message."""
        try:
            result = call()
        except Fault as f:
            if f.detail is None or f.detail.find("{%s}HubWebException" % TNS) is None:
                raise AssertionError(
                    "SOAP fault without a HubWebException detail: %s %s" % (f.message, detail_text(f)))
            message = f.detail.findtext("{%s}HubWebException/{%s}message" % (TNS, TNS))
            return "HubWebException: %s" % (message if message is not None else f.message)
        raise AssertionError("expected a SOAP fault, got %r" % (result,))

    # ---- the exchange ---------------------------------------------------------------------------

    def run(self):
        for code in ("NL", "KE", "US"):
            self.service(code)
        self.ok("setup", "reference WSDL %s, service bound to %s" % (self.wsdl, self.address))

        state = {}
        first_number = self.new_number("ZEEP-1")
        first_content = CONTENT_TEMPLATE.format(number=first_number)

        # a. NL delivers to KE.
        def a():
            header = self.deliver("NL", "KE", first_number, content=first_content)
            assert header is not None, "DeliverEnvelope returned no header"
            assert header.hubDeliveryNumber, "no hubDeliveryNumber in %s" % header
            assert header.HUBTrackingInfo == "PendingDelivery", \
                "HUBTrackingInfo %r, expected PendingDelivery (%s)" % (header.HUBTrackingInfo, header)
            assert header.From == "NL" and header.To == "KE" and header.NPPOCertificateNumber == first_number, \
                "header does not echo the envelope: %s" % header
            state["n1"] = header.hubDeliveryNumber
            return "hubDeliveryNumber=%s" % header.hubDeliveryNumber

        if not self.step("a.deliver", a):
            self.fail("b-f", "skipped: step a did not return a delivery number")
        else:
            n1 = state["n1"]
            self.run_b_to_d(n1, first_content)
        self.run_e()
        self.run_f()
        self.run_g(state.get("n1"))
        self.run_h()
        return self.failures == 0

    def run_b_to_d(self, n1, content):
        nl, ke = self.service("NL"), self.service("KE")

        def b_tracking():
            header = nl.GetEnvelopeTrackingInfo(hubTrackingNumber=n1)
            assert header is not None and header.HUBTrackingInfo == "PendingDelivery", \
                "expected PendingDelivery, got %s" % header
        self.step("b.tracking-pending", b_tracking)

        def b_under_delivery():
            numbers = header_numbers(nl.GetUnderDeliveryEnvelope(), "EnvelopeHeader")
            assert n1 in numbers, "%s not in GetUnderDeliveryEnvelope %s" % (n1, numbers)
            return "%d listed" % len(numbers)
        self.step("b.under-delivery-lists", b_under_delivery)

        def c_headers():
            numbers = header_numbers(ke.GetImportEnvelopeHeaders(countryCode=""), "EnvelopeHeader")
            assert n1 in numbers, "%s not in GetImportEnvelopeHeaders %s" % (n1, numbers)
            return "%d listed" % len(numbers)
        self.step("c.import-headers-list", c_headers)

        def c_pull_single():
            envelope = ke.PULLSingleImportEnvelope(hubTrackingNumber=n1)
            assert envelope is not None, "no envelope"
            assert envelope.hubDeliveryNumber == n1, "hubDeliveryNumber %r" % envelope.hubDeliveryNumber
            assert envelope.From == "NL" and envelope.To == "KE", "From/To %r/%r" % (envelope.From, envelope.To)
            assert envelope.CertificateType == 851 and envelope.CertificateStatus == 70, \
                "type/status %r/%r" % (envelope.CertificateType, envelope.CertificateStatus)
            assert envelope.Content == content, "Content differs: %s" % first_difference(content, envelope.Content)
            return "%d characters equal" % len(content)
        self.step("c.pull-single-content-equal", c_pull_single)

        def c_pull_all():
            numbers = header_numbers(ke.PULLImportEnvelope(), "Envelope")
            assert n1 in numbers, "%s not in PULLImportEnvelope %s" % (n1, numbers)
            return "%d listed" % len(numbers)
        self.step("c.pull-import-lists", c_pull_all)

        self.step("d.acknowledge", lambda: ke.AcknowledgeEnvelopeReceipt(hubTrackingNumber=n1) and None)

        def d_tracking():
            header = nl.GetEnvelopeTrackingInfo(hubTrackingNumber=n1)
            assert header is not None and header.HUBTrackingInfo == "Delivered", "expected Delivered, got %s" % header
        self.step("d.tracking-delivered", d_tracking)

        self.step("d.second-ack-faults",
                  lambda: self.expect_fault(lambda: ke.AcknowledgeEnvelopeReceipt(hubTrackingNumber=n1)))

        def d_not_listed():
            numbers = header_numbers(ke.GetImportEnvelopeHeaders(countryCode=""), "EnvelopeHeader")
            assert n1 not in numbers, "%s still listed after acknowledgement" % n1
        self.step("d.acknowledged-not-listed", d_not_listed)

    def acknowledged_variant(self, tag, letter, certificate_type, ack, expected_state, expected_message):
        nl, ke = self.service("NL"), self.service("KE")
        number = self.new_number("ZEEP-" + tag)
        state = {}

        def deliver():
            header = self.deliver("NL", "KE", number, certificate_type=certificate_type)
            assert header is not None and header.hubDeliveryNumber and header.HUBTrackingInfo == "PendingDelivery", \
                "expected a PendingDelivery header, got %s" % header
            state["n"] = header.hubDeliveryNumber
            return "hubDeliveryNumber=%s" % header.hubDeliveryNumber
        if not self.step(letter + ".deliver", deliver):
            return
        n = state["n"]

        def pull():
            envelope = ke.PULLSingleImportEnvelope(hubTrackingNumber=n)
            assert envelope is not None and envelope.hubDeliveryNumber == n, "got %s" % envelope
        self.step(letter + ".pull", pull)

        self.step(letter + "." + ack.__name__, lambda: "return=%r" % (ack(ke, n),))

        def tracking():
            header = nl.GetEnvelopeTrackingInfo(hubTrackingNumber=n)
            assert header is not None, "no header"
            assert header.HUBTrackingInfo == expected_state, \
                "expected %s, got %r (%s)" % (expected_state, header.HUBTrackingInfo, header)
            assert header.hubDeliveryErrorMessage == expected_message, \
                "hubDeliveryErrorMessage %r, expected %r" % (header.hubDeliveryErrorMessage, expected_message)
        self.step(letter + ".tracking-" + expected_state, tracking)

    def run_e(self):
        def advanced_ack(ke, n):
            return ke.AdvancedAcknowledgeEnvelopeReceipt(hubTrackingNumber=n, warningMessage="weight missing")
        advanced_ack.__name__ = "advanced-ack"
        self.acknowledged_variant("2", "e", 657, advanced_ack, "DeliveredWithWarnings", "weight missing")

    def run_f(self):
        def failed_ack(ke, n):
            return ke.AcknowledgeFailedEnvelopeReceipt(hubTrackingNumber=n, message="not readable")
        failed_ack.__name__ = "failed-ack"
        self.acknowledged_variant("3", "f", 851, failed_ack, "DeliveredNotReadable", "not readable")

    def run_g(self, n1):
        nl, ke, us = self.service("NL"), self.service("KE"), self.service("US")

        def foreign_tracking():
            assert n1, "skipped: step a did not return a delivery number"
            header = ke.GetEnvelopeTrackingInfo(hubTrackingNumber=n1)
            assert header is not None and header.HUBTrackingInfo == "EnvelopeNotExists", \
                "expected EnvelopeNotExists, got %s" % header
        self.step("g.foreign-tracking-not-exists", foreign_tracking)

        def unknown_tracking():
            header = nl.GetEnvelopeTrackingInfo(hubTrackingNumber="no-such-" + uuid.uuid4().hex)
            assert header is not None and header.HUBTrackingInfo == "EnvelopeNotExists", \
                "expected EnvelopeNotExists, got %s" % header
        self.step("g.unknown-number-not-exists", unknown_tracking)

        number = self.new_number("ZEEP-4")
        state = {}

        def deliver():
            header = self.deliver("NL", "KE", number)
            assert header is not None and header.hubDeliveryNumber and header.HUBTrackingInfo == "PendingDelivery", \
                "expected a PendingDelivery header, got %s" % header
            state["n"] = header.hubDeliveryNumber
        if self.step("g.deliver-to-KE", deliver):
            n = state["n"]
            self.step("g.other-participant-pull-faults",
                      lambda: self.expect_fault(lambda: us.PULLSingleImportEnvelope(hubTrackingNumber=n)))

            def not_listed():
                numbers = header_numbers(us.GetImportEnvelopeHeaders(countryCode=""), "EnvelopeHeader")
                assert n not in numbers, "US lists KE's envelope %s" % n
                numbers = header_numbers(us.PULLImportEnvelope(), "Envelope")
                assert n not in numbers, "US PULLImportEnvelope returns KE's envelope %s" % n
            self.step("g.other-participant-not-listed", not_listed)

            self.step("g.other-participant-ack-faults",
                      lambda: self.expect_fault(lambda: us.AcknowledgeEnvelopeReceipt(hubTrackingNumber=n)))

            def still_pending():
                header = nl.GetEnvelopeTrackingInfo(hubTrackingNumber=n)
                assert header is not None and header.HUBTrackingInfo == "PendingDelivery", \
                    "expected PendingDelivery, got %s" % header
                ke.AcknowledgeEnvelopeReceipt(hubTrackingNumber=n)
            self.step("g.still-pending-for-recipient", still_pending)

        def unknown_to():
            header = self.deliver("NL", "ZZ", self.new_number("ZEEP-ZZ"))
            assert header is not None, "no header"
            assert header.HUBTrackingInfo == "FailedDelivery", \
                "expected FailedDelivery, got %r (%s)" % (header.HUBTrackingInfo, header)
            assert header.hubDeliveryErrorMessage, "no hubDeliveryErrorMessage"
            return "hubDeliveryErrorMessage=%r" % header.hubDeliveryErrorMessage
        self.step("g.unknown-to-failed-delivery", unknown_to)

    def run_h(self):
        nl, ke = self.service("NL"), self.service("KE")

        def active():
            result = ke.GetActiveNppos()
            countries = sorted(n.Country for n in items(result, "Nppo"))
            missing = {"NL", "KE", "US"} - set(countries)
            assert not missing, "missing %s in GetActiveNppos %s" % (sorted(missing), countries)
            return "countries=%s" % ",".join(countries)
        self.step("h.active-nppos", active)

        def profile():
            result = nl.GetProfile()
            assert result is not None and result.Country == "NL", "expected Country NL, got %s" % result
            other = ke.GetProfile()
            assert other is not None and other.Country == "KE", "KE's profile: expected Country KE, got %s" % other
        self.step("h.profile", profile)

        def channels():
            result = nl.GetAvailableChannels()
            return "%d channels" % len(items(result, "Channel"))
        self.step("h.available-channels", channels)


def items(array, item_name):
    """The items of an ArrayOfX result: zeep returns a plain list for a sequence of one repeated element,
    an object with the item list as attribute otherwise, and None for an empty or absent array."""
    if array is None:
        return []
    if isinstance(array, list):
        return [i for i in array if i is not None]
    return [i for i in (getattr(array, item_name, None) or []) if i is not None]


def header_numbers(array, item_name):
    """The delivery numbers in an ArrayOfEnvelopeHeader / ArrayOfEnvelope."""
    return [i.hubDeliveryNumber for i in items(array, item_name)]


def first_difference(expected, actual):
    if actual is None:
        return "Content missing (expected %d characters)" % len(expected)
    for i, (e, a) in enumerate(zip(expected, actual)):
        if e != a:
            return "at character %d expected %r, got %r (...%r...)" % (i, e, a, actual[max(0, i - 20):i + 20])
    return "lengths differ: expected %d, got %d" % (len(expected), len(actual))


def detail_text(fault):
    if fault.detail is None:
        return ""
    from lxml import etree
    return etree.tostring(fault.detail, encoding="unicode")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--address", required=True)
    parser.add_argument("--certs", required=True)
    parser.add_argument("--wsdl", default=os.environ.get("EPHYTO_REFERENCE_WSDL", DEFAULT_WSDL))
    parser.add_argument("--debug", action="store_true", help="log every raw SOAP request and response")
    args = parser.parse_args()
    if args.debug:
        # zeep.transports logs each raw HTTP request and response body at DEBUG.
        logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s", stream=sys.stdout)
        logging.getLogger("zeep.transports").setLevel(logging.DEBUG)
    if not os.path.isfile(args.wsdl):
        print("FAIL setup: reference WSDL not found: %s" % args.wsdl)
        return 2
    exchange = Exchange(args.address, args.certs, args.wsdl)
    try:
        passed = exchange.run()
    except Exception as e:  # noqa: BLE001
        exchange.fail("run", "%s: %s" % (type(e).__name__, e))
        traceback.print_exc()
        passed = False
    print("%s: %d failed step(s)" % ("PASSED" if passed else "FAILED", exchange.failures))
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
