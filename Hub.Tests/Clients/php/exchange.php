<?php
/*
 * An independent ePhyto hub client: PHP's own SoapClient (ext/soap) in WSDL mode, from the IPPC reference WSDL or
 * from the WSDL the hub serves. The same exchange, step for step, as ../zeep/exchange.py.
 *
 * Only the endpoint address and the client certificates differ from a client of the real IPPC hub: every
 * participant has its own SoapClient, with `location` = --address, its certificate and key as `local_cert`
 * (one PEM file, written at run time), and a stream context that verifies the hub's server certificate.
 *
 * Usage:
 *   php exchange.php --address https://127.0.0.1:PORT/hub/DeliveryService --certs DIR --wsdl PATH [--soap12] [--debug]
 *
 * DIR holds server.crt.pem and, per participant nl|ke|us, CODE.crt.pem and CODE.key.pem (unencrypted PKCS#8).
 * Prints one line per step, "ok <step>" or "FAIL <step>: <detail>"; exits 0 only if every step passed.
 * A failed step also prints the raw last request and response of that participant's client (trace => 1);
 * --debug prints every raw request and response.
 */

declare(strict_types=1);

const TNS = 'http://ephyto.ippc.int/';
const HUB = 'http://ephyto.ippc.int/HUB.Entities';
const DEFAULT_WSDL = '/work/shared/reference/ephyto/ippc-hub-DeliveryService.wsdl';

// Non-ASCII (Latin-1, a dash, CJK, a character outside the BMP), characters XML must escape, and
// whitespace that an XML parser keeps (tabs, LF). No CR: XML parsers normalise CR by design.
const CONTENT_TEMPLATE =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    . '<rsm:SPSCertificate xmlns:rsm="urn:un:unece:uncefact:data:standard:SPSCertificate:17"'
    . ' xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:21">' . "\n"
    . "\t<rsm:SPSExchangedDocument>\n"
    . "\t\t<ram:Name>Phytosanitary Certificate</ram:Name>\n"
    . "\t\t<ram:ID>{number}</ram:ID>\n"
    . "\t\t<ram:TypeCode>851</ram:TypeCode>\n"
    . "\t\t<ram:StatusCode>70</ram:StatusCode>\n"
    . "\t\t<ram:IncludedSPSNote><ram:Subject>SPSFL</ram:Subject><ram:Content languageID=\"nl\">"
    . "Müller – 植物 🌱 «a &amp; b» &lt;c&gt; \"q\" 'a'</ram:Content></ram:IncludedSPSNote>\n"
    . "\t</rsm:SPSExchangedDocument>\n"
    . "\t<rsm:SPSConsignment>\n"
    . "\t\t<ram:ConsignorSPSParty><ram:Name>Kwekerij Müller B.V.</ram:Name></ram:ConsignorSPSParty>\n"
    . "\t\t<ram:ConsigneeSPSParty><ram:Name>Nairobi Flowers Ltd – 植物</ram:Name></ram:ConsigneeSPSParty>\n"
    . "\t</rsm:SPSConsignment>\n"
    . "</rsm:SPSCertificate>\n";

final class StepFailed extends Exception
{
}

/** A SoapClient that, with --debug, prints every raw request and response. */
final class TracingSoapClient extends SoapClient
{
    public bool $debug = false;
    public string $participant = '';

    public function __doRequest(string $request, string $location, string $action, int $version, bool $oneWay = false): ?string
    {
        if ($this->debug) {
            echo "--- {$this->participant} request to $location, action $action, SOAP ", $version === SOAP_1_2 ? '1.2' : '1.1', "\n";
            echo $request, "\n";
        }
        $response = parent::__doRequest($request, $location, $action, $version, $oneWay);
        if ($this->debug) {
            echo "--- {$this->participant} response\n", (string) $response, "\n";
        }
        return $response;
    }
}

function check(bool $condition, string $message): void
{
    if (!$condition) {
        throw new StepFailed($message);
    }
}

/** A short, single-line rendering of a decoded SOAP value for failure messages. */
function show(mixed $value): string
{
    $text = json_encode($value, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PARTIAL_OUTPUT_ON_ERROR);
    return $text === false ? var_export($value, true) : $text;
}

/**
 * The items of an ArrayOfX result. Without SOAP_SINGLE_ELEMENT_ARRAYS ext/soap would decode one item as an object
 * and several as an array; with it (set below) the items are always an array. Both are handled.
 */
function items(mixed $array, string $itemName): array
{
    if ($array === null) {
        return [];
    }
    $list = is_object($array) ? ($array->$itemName ?? null) : $array;
    if ($list === null) {
        return [];
    }
    if (!is_array($list)) {
        $list = [$list];
    }
    return array_values(array_filter($list, static fn($i) => $i !== null));
}

/** The delivery numbers in an ArrayOfEnvelopeHeader / ArrayOfEnvelope. */
function header_numbers(mixed $array, string $itemName): array
{
    return array_map(static fn($i) => $i->hubDeliveryNumber ?? null, items($array, $itemName));
}

/** Characters (code points) of a UTF-8 string, without needing the mbstring extension. */
function characters(string $text): array
{
    return preg_split('//u', $text, -1, PREG_SPLIT_NO_EMPTY) ?: [];
}

function first_difference(string $expected, ?string $actual): string
{
    if ($actual === null) {
        return sprintf('Content missing (expected %d characters)', count(characters($expected)));
    }
    $e = characters($expected);
    $a = characters($actual);
    $n = min(count($e), count($a));
    for ($i = 0; $i < $n; $i++) {
        if ($e[$i] !== $a[$i]) {
            return sprintf('at character %d expected %s, got %s (...%s...)', $i, show($e[$i]), show($a[$i]),
                show(implode('', array_slice($a, max(0, $i - 20), 40))));
        }
    }
    return sprintf('lengths differ: expected %d, got %d', count($e), count($a));
}

function fault_detail_text(SoapFault $f): string
{
    return isset($f->detail) ? show($f->detail) : '';
}

final class Exchange
{
    public int $failures = 0;
    private string $runId;
    /** @var array<string, TracingSoapClient> */
    private array $clients = [];
    /** @var list<string> */
    private array $tempFiles = [];
    private ?string $lastClient = null;

    public function __construct(
        private string $address,
        private string $certs,
        private string $wsdl,
        private bool $soap12,
        private bool $debug,
    ) {
        $this->runId = gmdate('YmdHis') . '-' . bin2hex(random_bytes(4));
    }

    public function __destruct()
    {
        foreach ($this->tempFiles as $file) {
            @unlink($file);
        }
    }

    // ---- plumbing -----------------------------------------------------------------------------------------------

    /** One SoapClient per participant: its own stream context carries its own client certificate. */
    public function client(string $code): TracingSoapClient
    {
        $this->lastClient = $code;
        if (isset($this->clients[$code])) {
            return $this->clients[$code];
        }
        $lower = strtolower($code);
        $certificate = file_get_contents($this->certs . "/$lower.crt.pem");
        $key = file_get_contents($this->certs . "/$lower.key.pem");
        if ($certificate === false || $key === false) {
            throw new RuntimeException("cannot read $lower.crt.pem / $lower.key.pem in {$this->certs}");
        }
        // ext/soap's local_cert is one PEM file holding both the certificate and its private key.
        $pem = tempnam(sys_get_temp_dir(), "hub-php-$lower-");
        $this->tempFiles[] = $pem;
        chmod($pem, 0600);
        file_put_contents($pem, rtrim($certificate) . "\n" . rtrim($key) . "\n");

        $context = stream_context_create([
            'ssl' => [
                'verify_peer' => true,
                'verify_peer_name' => true,
                'allow_self_signed' => false,
                'cafile' => $this->certs . '/server.crt.pem',
                'local_cert' => $pem,
            ],
        ]);
        $client = new TracingSoapClient($this->wsdl, [
            'location' => $this->address,
            'soap_version' => $this->soap12 ? SOAP_1_2 : SOAP_1_1,
            'local_cert' => $pem,
            'stream_context' => $context,
            'trace' => 1,
            'exceptions' => true,
            'cache_wsdl' => WSDL_CACHE_NONE,
            'connection_timeout' => 30,
            'features' => SOAP_SINGLE_ELEMENT_ARRAYS,
            'keep_alive' => true,
        ]);
        $client->debug = $this->debug;
        $client->participant = $code;
        $this->clients[$code] = $client;
        return $client;
    }

    public function ok(string $step, string $detail = ''): void
    {
        echo 'ok ', $step, $detail !== '' ? " ($detail)" : '', "\n";
    }

    public function fail(string $step, string $detail): void
    {
        $this->failures++;
        echo 'FAIL ', $step, ': ', trim(preg_replace('/\s+/u', ' ', $detail) ?? $detail), "\n";
    }

    /** Runs one step; its action returns a detail string (or null) or throws. */
    public function step(string $name, callable $action): bool
    {
        $this->lastClient = null;
        try {
            $detail = $action();
            $this->ok($name, is_string($detail) ? $detail : '');
            return true;
        } catch (StepFailed $e) {
            $this->fail($name, $e->getMessage());
        } catch (SoapFault $f) {
            // A transport failure (faultcode HTTP) leaves its cause, e.g. a TLS verification error, in the last
            // PHP warning that ext/soap swallowed.
            $cause = ($f->faultcode ?? '') === 'HTTP' ? (error_get_last()['message'] ?? '') : '';
            $this->fail($name, sprintf('unexpected SOAP fault: %s %s %s%s', $f->faultcode ?? '', $f->getMessage(),
                fault_detail_text($f), $cause !== '' ? " ($cause)" : ''));
        } catch (Throwable $e) {
            $this->fail($name, get_class($e) . ': ' . $e->getMessage());
        }
        $this->dumpLastExchange();
        return false;
    }

    /** After a failed step: the raw last request and response of the client used last. */
    private function dumpLastExchange(): void
    {
        if ($this->lastClient === null || !isset($this->clients[$this->lastClient])) {
            return;
        }
        $client = $this->clients[$this->lastClient];
        echo "  last request of {$this->lastClient}:\n", $client->__getLastRequestHeaders() ?? '',
            $client->__getLastRequest() ?? '(none)', "\n";
        echo "  last response to {$this->lastClient}:\n", $client->__getLastResponseHeaders() ?? '',
            $client->__getLastResponse() ?? '(none)', "\n";
    }

    public function newNumber(string $tag): string
    {
        return "NL-$tag-{$this->runId}";
    }

    public static function content(string $number): string
    {
        return str_replace('{number}', $number, CONTENT_TEMPLATE);
    }

    public function deliver(string $sender, string $to, string $number, int $certificateType = 851, int $status = 70,
        ?string $content = null): mixed
    {
        $envelope = [
            'From' => $sender,
            'To' => $to,
            'CertificateType' => $certificateType,
            'CertificateStatus' => $status,
            'NPPOCertificateNumber' => $number,
            'Content' => $content ?? self::content($number),
        ];
        $response = $this->client($sender)->DeliverEnvelope(['env' => $envelope]);
        return $response->DeliverEnvelopeResult ?? null;
    }

    /** The call must fail with a SOAP fault whose detail is a HubWebException; returns its message. */
    public function expectFault(callable $call): string
    {
        try {
            $result = $call();
        } catch (SoapFault $f) {
            $exception = $f->detail->HubWebException ?? null;
            check($exception !== null, sprintf('SOAP fault without a HubWebException detail: %s %s', $f->getMessage(),
                fault_detail_text($f)));
            // The message as a PHP program reads it: $fault->detail->HubWebException->message.
            $message = is_object($exception) ? ($exception->message ?? null) : null;
            check(is_string($message) && $message !== '', 'HubWebException without a message: ' . fault_detail_text($f));
            return 'HubWebException: ' . $message;
        }
        throw new StepFailed('expected a SOAP fault, got ' . show($result));
    }

    // ---- the exchange -------------------------------------------------------------------------------------------

    public function run(): bool
    {
        foreach (['NL', 'KE', 'US'] as $code) {
            $this->client($code);
        }
        $this->ok('setup', sprintf('WSDL %s, SOAP %s, service bound to %s', $this->wsdl, $this->soap12 ? '1.2' : '1.1',
            $this->address));

        $state = [];
        $firstNumber = $this->newNumber('PHP-1');
        $firstContent = self::content($firstNumber);

        // a. NL delivers to KE.
        $a = function () use (&$state, $firstNumber, $firstContent) {
            $header = $this->deliver('NL', 'KE', $firstNumber, content: $firstContent);
            check($header !== null, 'DeliverEnvelope returned no header');
            check(!empty($header->hubDeliveryNumber), 'no hubDeliveryNumber in ' . show($header));
            check(($header->HUBTrackingInfo ?? null) === 'PendingDelivery', sprintf(
                'HUBTrackingInfo %s, expected PendingDelivery (%s)', show($header->HUBTrackingInfo ?? null), show($header)));
            check(($header->From ?? null) === 'NL' && ($header->To ?? null) === 'KE'
                && ($header->NPPOCertificateNumber ?? null) === $firstNumber,
                'header does not echo the envelope: ' . show($header));
            $state['n1'] = $header->hubDeliveryNumber;
            return 'hubDeliveryNumber=' . $header->hubDeliveryNumber;
        };
        if (!$this->step('a.deliver', $a)) {
            $this->fail('b-f', 'skipped: step a did not return a delivery number');
        } else {
            $this->runBToD($state['n1'], $firstContent);
        }
        $this->runE();
        $this->runF();
        $this->runG($state['n1'] ?? null);
        $this->runH();
        return $this->failures === 0;
    }

    private function runBToD(string $n1, string $content): void
    {
        $nl = fn() => $this->client('NL');
        $ke = fn() => $this->client('KE');

        $this->step('b.tracking-pending', function () use ($nl, $n1) {
            $header = $nl()->GetEnvelopeTrackingInfo(['hubTrackingNumber' => $n1])->GetEnvelopeTrackingInfoResult ?? null;
            check($header !== null && ($header->HUBTrackingInfo ?? null) === 'PendingDelivery',
                'expected PendingDelivery, got ' . show($header));
        });

        $this->step('b.under-delivery-lists', function () use ($nl, $n1) {
            $numbers = header_numbers($nl()->GetUnderDeliveryEnvelope()->GetUnderDeliveryEnvelopeResult ?? null,
                'EnvelopeHeader');
            check(in_array($n1, $numbers, true), "$n1 not in GetUnderDeliveryEnvelope " . show($numbers));
            return count($numbers) . ' listed';
        });

        $this->step('c.import-headers-list', function () use ($ke, $n1) {
            $numbers = header_numbers($ke()->GetImportEnvelopeHeaders(['countryCode' => ''])
                ->GetImportEnvelopeHeadersResult ?? null, 'EnvelopeHeader');
            check(in_array($n1, $numbers, true), "$n1 not in GetImportEnvelopeHeaders " . show($numbers));
            return count($numbers) . ' listed';
        });

        $this->step('c.pull-single-content-equal', function () use ($ke, $n1, $content) {
            $envelope = $ke()->PULLSingleImportEnvelope(['hubTrackingNumber' => $n1])
                ->PULLSingleImportEnvelopeResult ?? null;
            check($envelope !== null, 'no envelope');
            check(($envelope->hubDeliveryNumber ?? null) === $n1, 'hubDeliveryNumber ' . show($envelope->hubDeliveryNumber ?? null));
            check(($envelope->From ?? null) === 'NL' && ($envelope->To ?? null) === 'KE',
                sprintf('From/To %s/%s', show($envelope->From ?? null), show($envelope->To ?? null)));
            check(($envelope->CertificateType ?? null) === 851 && ($envelope->CertificateStatus ?? null) === 70,
                sprintf('type/status %s/%s', show($envelope->CertificateType ?? null), show($envelope->CertificateStatus ?? null)));
            check(($envelope->Content ?? null) === $content,
                'Content differs: ' . first_difference($content, $envelope->Content ?? null));
            return count(characters($content)) . ' characters equal';
        });

        $this->step('c.pull-import-lists', function () use ($ke, $n1) {
            $numbers = header_numbers($ke()->PULLImportEnvelope()->PULLImportEnvelopesResult ?? null, 'Envelope');
            check(in_array($n1, $numbers, true), "$n1 not in PULLImportEnvelope " . show($numbers));
            return count($numbers) . ' listed';
        });

        $this->step('d.acknowledge', function () use ($ke, $n1) {
            $ke()->AcknowledgeEnvelopeReceipt(['hubTrackingNumber' => $n1]);
        });

        $this->step('d.tracking-delivered', function () use ($nl, $n1) {
            $header = $nl()->GetEnvelopeTrackingInfo(['hubTrackingNumber' => $n1])->GetEnvelopeTrackingInfoResult ?? null;
            check($header !== null && ($header->HUBTrackingInfo ?? null) === 'Delivered',
                'expected Delivered, got ' . show($header));
        });

        $this->step('d.second-ack-faults', fn() => $this->expectFault(
            fn() => $ke()->AcknowledgeEnvelopeReceipt(['hubTrackingNumber' => $n1])));

        $this->step('d.acknowledged-not-listed', function () use ($ke, $n1) {
            $numbers = header_numbers($ke()->GetImportEnvelopeHeaders(['countryCode' => ''])
                ->GetImportEnvelopeHeadersResult ?? null, 'EnvelopeHeader');
            check(!in_array($n1, $numbers, true), "$n1 still listed after acknowledgement");
        });
    }

    private function acknowledgedVariant(string $tag, string $letter, int $certificateType, string $ackName,
        callable $ack, string $expectedState, string $expectedMessage): void
    {
        $number = $this->newNumber('PHP-' . $tag);
        $state = [];

        $deliver = function () use (&$state, $number, $certificateType) {
            $header = $this->deliver('NL', 'KE', $number, certificateType: $certificateType);
            check($header !== null && !empty($header->hubDeliveryNumber)
                && ($header->HUBTrackingInfo ?? null) === 'PendingDelivery',
                'expected a PendingDelivery header, got ' . show($header));
            $state['n'] = $header->hubDeliveryNumber;
            return 'hubDeliveryNumber=' . $header->hubDeliveryNumber;
        };
        if (!$this->step("$letter.deliver", $deliver)) {
            return;
        }
        $n = $state['n'];

        $this->step("$letter.pull", function () use ($n) {
            $envelope = $this->client('KE')->PULLSingleImportEnvelope(['hubTrackingNumber' => $n])
                ->PULLSingleImportEnvelopeResult ?? null;
            check($envelope !== null && ($envelope->hubDeliveryNumber ?? null) === $n, 'got ' . show($envelope));
        });

        $this->step("$letter.$ackName", fn() => 'return=' . show($ack($this->client('KE'), $n)));

        $this->step("$letter.tracking-$expectedState", function () use ($n, $expectedState, $expectedMessage) {
            $header = $this->client('NL')->GetEnvelopeTrackingInfo(['hubTrackingNumber' => $n])
                ->GetEnvelopeTrackingInfoResult ?? null;
            check($header !== null, 'no header');
            check(($header->HUBTrackingInfo ?? null) === $expectedState, sprintf('expected %s, got %s (%s)',
                $expectedState, show($header->HUBTrackingInfo ?? null), show($header)));
            check(($header->hubDeliveryErrorMessage ?? null) === $expectedMessage, sprintf(
                'hubDeliveryErrorMessage %s, expected %s', show($header->hubDeliveryErrorMessage ?? null),
                show($expectedMessage)));
        });
    }

    private function runE(): void
    {
        $this->acknowledgedVariant('2', 'e', 657, 'advanced-ack',
            fn(SoapClient $ke, string $n) => $ke->AdvancedAcknowledgeEnvelopeReceipt(
                ['hubTrackingNumber' => $n, 'warningMessage' => 'weight missing'])->return ?? null,
            'DeliveredWithWarnings', 'weight missing');
    }

    private function runF(): void
    {
        $this->acknowledgedVariant('3', 'f', 851, 'failed-ack',
            fn(SoapClient $ke, string $n) => $ke->AcknowledgeFailedEnvelopeReceipt(
                ['hubTrackingNumber' => $n, 'message' => 'not readable'])->return ?? null,
            'DeliveredNotReadable', 'not readable');
    }

    private function runG(?string $n1): void
    {
        $tracking = function (string $code, string $number) {
            return $this->client($code)->GetEnvelopeTrackingInfo(['hubTrackingNumber' => $number])
                ->GetEnvelopeTrackingInfoResult ?? null;
        };

        $this->step('g.foreign-tracking-not-exists', function () use ($n1, $tracking) {
            check($n1 !== null, 'skipped: step a did not return a delivery number');
            $header = $tracking('KE', $n1);
            check($header !== null && ($header->HUBTrackingInfo ?? null) === 'EnvelopeNotExists',
                'expected EnvelopeNotExists, got ' . show($header));
        });

        $this->step('g.unknown-number-not-exists', function () use ($tracking) {
            $header = $tracking('NL', 'no-such-' . bin2hex(random_bytes(16)));
            check($header !== null && ($header->HUBTrackingInfo ?? null) === 'EnvelopeNotExists',
                'expected EnvelopeNotExists, got ' . show($header));
        });

        $number = $this->newNumber('PHP-4');
        $state = [];
        $deliver = function () use (&$state, $number) {
            $header = $this->deliver('NL', 'KE', $number);
            check($header !== null && !empty($header->hubDeliveryNumber)
                && ($header->HUBTrackingInfo ?? null) === 'PendingDelivery',
                'expected a PendingDelivery header, got ' . show($header));
            $state['n'] = $header->hubDeliveryNumber;
        };
        if ($this->step('g.deliver-to-KE', $deliver)) {
            $n = $state['n'];
            $us = fn() => $this->client('US');

            $this->step('g.other-participant-pull-faults', fn() => $this->expectFault(
                fn() => $us()->PULLSingleImportEnvelope(['hubTrackingNumber' => $n])));

            $this->step('g.other-participant-not-listed', function () use ($us, $n) {
                $numbers = header_numbers($us()->GetImportEnvelopeHeaders(['countryCode' => ''])
                    ->GetImportEnvelopeHeadersResult ?? null, 'EnvelopeHeader');
                check(!in_array($n, $numbers, true), "US lists KE's envelope $n");
                $numbers = header_numbers($us()->PULLImportEnvelope()->PULLImportEnvelopesResult ?? null, 'Envelope');
                check(!in_array($n, $numbers, true), "US PULLImportEnvelope returns KE's envelope $n");
            });

            $this->step('g.other-participant-ack-faults', fn() => $this->expectFault(
                fn() => $us()->AcknowledgeEnvelopeReceipt(['hubTrackingNumber' => $n])));

            $this->step('g.still-pending-for-recipient', function () use ($tracking, $n) {
                $header = $tracking('NL', $n);
                check($header !== null && ($header->HUBTrackingInfo ?? null) === 'PendingDelivery',
                    'expected PendingDelivery, got ' . show($header));
                $this->client('KE')->AcknowledgeEnvelopeReceipt(['hubTrackingNumber' => $n]);
            });
        }

        $this->step('g.unknown-to-failed-delivery', function () {
            $header = $this->deliver('NL', 'ZZ', $this->newNumber('PHP-ZZ'));
            check($header !== null, 'no header');
            check(($header->HUBTrackingInfo ?? null) === 'FailedDelivery', sprintf('expected FailedDelivery, got %s (%s)',
                show($header->HUBTrackingInfo ?? null), show($header)));
            check(!empty($header->hubDeliveryErrorMessage), 'no hubDeliveryErrorMessage');
            return 'hubDeliveryErrorMessage=' . show($header->hubDeliveryErrorMessage);
        });
    }

    private function runH(): void
    {
        $this->step('h.active-nppos', function () {
            $result = $this->client('KE')->GetActiveNppos()->GetActiveNpposResult ?? null;
            $countries = array_map(static fn($n) => $n->Country ?? null, items($result, 'Nppo'));
            sort($countries);
            $missing = array_values(array_diff(['KE', 'NL', 'US'], $countries));
            check($missing === [], 'missing ' . show($missing) . ' in GetActiveNppos ' . show($countries));
            return 'countries=' . implode(',', $countries);
        });

        $this->step('h.profile', function () {
            $result = $this->client('NL')->GetProfile()->GetProfileResult ?? null;
            check($result !== null && ($result->Country ?? null) === 'NL', 'expected Country NL, got ' . show($result));
            $other = $this->client('KE')->GetProfile()->GetProfileResult ?? null;
            check($other !== null && ($other->Country ?? null) === 'KE',
                "KE's profile: expected Country KE, got " . show($other));
        });

        $this->step('h.available-channels', function () {
            $result = $this->client('NL')->GetAvailableChannels()->GetAvailableChannelsResult ?? null;
            return count(items($result, 'Channel')) . ' channels';
        });
    }
}

function main(array $argv): int
{
    $options = getopt('', ['address:', 'certs:', 'wsdl:', 'soap12', 'debug']);
    $usage = "usage: php exchange.php --address URL --certs DIR [--wsdl PATH] [--soap12] [--debug]\n";
    if (!isset($options['address'], $options['certs'])) {
        fwrite(STDERR, $usage);
        return 2;
    }
    $wsdl = $options['wsdl'] ?? (getenv('EPHYTO_REFERENCE_WSDL') ?: DEFAULT_WSDL);
    if (!is_file($wsdl)) {
        echo "FAIL setup: WSDL not found: $wsdl\n";
        return 2;
    }
    if (!extension_loaded('soap') || !extension_loaded('openssl')) {
        echo "FAIL setup: PHP extensions soap and openssl needed (apt-get install php-cli php-soap)\n";
        return 3;
    }
    ini_set('default_socket_timeout', '30');

    $exchange = new Exchange($options['address'], $options['certs'], $wsdl, isset($options['soap12']),
        isset($options['debug']));
    try {
        $passed = $exchange->run();
    } catch (Throwable $e) {
        $exchange->fail('run', get_class($e) . ': ' . $e->getMessage());
        echo $e->getTraceAsString(), "\n";
        $passed = false;
    }
    printf("%s: %d failed step(s)\n", $passed ? 'PASSED' : 'FAILED', $exchange->failures);
    return $passed ? 0 : 1;
}

exit(main($argv));
