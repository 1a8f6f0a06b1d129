#!/usr/bin/perl
# An independent ePhyto hub client: Perl SOAP::Lite, with every call built by hand. The same exchange, step for
# step, as ../zeep/exchange.py.
#
# SOAP::Lite's WSDL mode (service()) generates rpc/encoded stubs and cannot do document/literal, so this client is
# what a Perl developer writes after reading the IPPC WSDL: each request is a wrapper element in
# http://ephyto.ippc.int/ (the default namespace, so its children, unprefixed, are in it too), the Envelope's fields
# qualified with http://ephyto.ippc.int/HUB.Entities, no encodingStyle, no xsi:type, and the soapAction of the
# WSDL. Only the endpoint address and the client certificates differ from a client of the real IPPC hub: every
# participant has its own SOAP::Lite object whose LWP user agent carries its certificate and key (IO::Socket::SSL)
# and verifies the hub's server certificate.
#
# Usage:
#   perl exchange.pl --address https://127.0.0.1:PORT/hub/DeliveryService --certs DIR [--wsdl PATH] [--soap12] [--debug]
#
# --wsdl is accepted and ignored (no WSDL is read). --soap12 sends SOAP 1.2 (application/soap+xml).
# DIR holds server.crt.pem and, per participant nl|ke|us, CODE.crt.pem and CODE.key.pem (unencrypted PKCS#8).
# Prints one line per step, "ok <step>" or "FAIL <step>: <detail>"; exits 0 only if every step passed.
# A failed step also prints the raw last request and response; --debug prints every raw request and response.

use strict;
use warnings;
use utf8;

use Encode ();
use Getopt::Long qw(GetOptions);
use POSIX qw(strftime);

use constant TNS => 'http://ephyto.ippc.int/';
use constant HUB => 'http://ephyto.ippc.int/HUB.Entities';
use constant ACTION_BASE => 'http://ephyto.ippc.int/IDeliveryService/';

# The soapAction of an operation, as the WSDL has it: the operation's name, except for this quirk.
my %ACTION = (AdvancedAcknowledgeEnvelopeReceipt => 'NegativeAcknowledgeEnvelopeReceipt');

# Non-ASCII (Latin-1, a dash, CJK, a character outside the BMP), characters XML must escape, and
# whitespace that an XML parser keeps (tabs, LF). No CR: XML parsers normalise CR by design.
my $CONTENT_TEMPLATE =
    qq{<?xml version="1.0" encoding="UTF-8"?>\n}
  . q{<rsm:SPSCertificate xmlns:rsm="urn:un:unece:uncefact:data:standard:SPSCertificate:17"}
  . qq{ xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:21">\n}
  . qq{\t<rsm:SPSExchangedDocument>\n}
  . qq{\t\t<ram:Name>Phytosanitary Certificate</ram:Name>\n}
  . qq{\t\t<ram:ID>{number}</ram:ID>\n}
  . qq{\t\t<ram:TypeCode>851</ram:TypeCode>\n}
  . qq{\t\t<ram:StatusCode>70</ram:StatusCode>\n}
  . qq{\t\t<ram:IncludedSPSNote><ram:Subject>SPSFL</ram:Subject><ram:Content languageID="nl">}
  . qq{Müller – 植物 🌱 «a &amp; b» &lt;c&gt; "q" 'a'</ram:Content></ram:IncludedSPSNote>\n}
  . qq{\t</rsm:SPSExchangedDocument>\n}
  . qq{\t<rsm:SPSConsignment>\n}
  . qq{\t\t<ram:ConsignorSPSParty><ram:Name>Kwekerij Müller B.V.</ram:Name></ram:ConsignorSPSParty>\n}
  . qq{\t\t<ram:ConsigneeSPSParty><ram:Name>Nairobi Flowers Ltd – 植物</ram:Name></ram:ConsigneeSPSParty>\n}
  . qq{\t</rsm:SPSConsignment>\n}
  . qq{</rsm:SPSCertificate>\n};

binmode STDOUT, ':encoding(UTF-8)';
binmode STDERR, ':encoding(UTF-8)';
$| = 1;

my ($address, $certs, $wsdl, $soap12, $debug);
GetOptions(
    'address=s' => \$address,
    'certs=s'   => \$certs,
    'wsdl=s'    => \$wsdl,      # accepted and ignored: SOAP::Lite reads no WSDL here
    'soap12'    => \$soap12,
    'debug'     => \$debug,
) or usage();
usage() unless defined $address && defined $certs;

sub usage {
    print STDERR "usage: $0 --address URL --certs DIR [--wsdl PATH] [--soap12] [--debug]\n";
    exit 2;
}

# Nothing from the environment between this client and a loopback hub (SOAP::Lite calls env_proxy when
# HTTP_proxy is set; LWP reads PERL_LWP_SSL_* and HTTPS_* for TLS defaults).
delete @ENV{grep { /^(?:https?_proxy|all_proxy|no_proxy|PERL_LWP_SSL_\w+|HTTPS_\w+)$/i } keys %ENV};

my $loaded = eval {
    require SOAP::Lite;
    require LWP::Protocol::https;
    require IO::Socket::SSL;
    1;
};
if (!$loaded) {
    print "FAIL setup: SOAP::Lite with HTTPS needed (apt-get install libsoap-lite-perl liblwp-protocol-https-perl"
      . " libio-socket-ssl-perl): $@";
    exit 3;
}
# SOAP::Lite keeps its SOAP version in globals, read when its serializer and deserializer are created.
SOAP::Lite->soapversion($soap12 ? '1.2' : '1.1');

my $failures = 0;
my $run_id   = strftime('%Y%m%d%H%M%S', gmtime) . '-' . random_hex(4);
my %clients;
my $last_client;

# ---- plumbing -----------------------------------------------------------------------------------------------

sub random_hex {
    my ($bytes) = @_;
    my $hex = '';
    if (open my $random, '<:raw', '/dev/urandom') {
        read($random, my $data, $bytes) == $bytes or die "short read from /dev/urandom\n";
        close $random;
        return unpack 'H*', $data;
    }
    $hex .= sprintf '%02x', int rand 256 for 1 .. $bytes;
    return $hex;
}

# One SOAP::Lite object per participant: its own LWP user agent carries its own client certificate.
sub client {
    my ($code) = @_;
    $last_client = $code;
    return $clients{$code} if $clients{$code};
    my $lower = lc $code;
    for my $file ("$lower.crt.pem", "$lower.key.pem", 'server.crt.pem') {
        die "cannot read $certs/$file\n" unless -r "$certs/$file";
    }
    my $soap = SOAP::Lite->new;
    $soap->proxy($address, timeout => 30, keep_alive => 1);
    $soap->transport->ssl_opts(
        SSL_cert_file   => "$certs/$lower.crt.pem",
        SSL_key_file    => "$certs/$lower.key.pem",
        SSL_ca_file     => "$certs/server.crt.pem",
        SSL_verify_mode => IO::Socket::SSL::SSL_VERIFY_PEER(),
        verify_hostname => 1,
    );
    # Document/literal: the wrapper element declares http://ephyto.ippc.int/ as the default namespace, so its
    # unprefixed children are in it as the schema wants (elementFormDefault="qualified").
    $soap->default_ns(TNS);
    # No rpc/encoded leftovers: no soap:encodingStyle on the Envelope, no xsi:type on the values.
    $soap->encodingStyle('');
    $soap->autotype(0);
    $soap->readable(0);
    $soap->serializer->register_ns(HUB, 'hub');
    $soap->on_action(sub { '"' . ACTION_BASE . ($ACTION{$_[1]} // $_[1]) . '"' });
    # A SOAP fault comes back as the SOAP::SOM; a transport error (no SOAP answer) dies with the HTTP status.
    $soap->on_fault(sub {
        my ($soap, $result) = @_;
        return $result if ref $result;
        die 'transport error: ' . $soap->transport->status . ' ' . ($result // '') . "\n";
    });
    $clients{$code} = $soap;
    return $soap;
}

# A SOAP fault that the hub answered, as an exception.
{
    package Fault;
    sub new { my ($class, %fields) = @_; return bless {%fields}, $class }
}

# A failed check, as an exception.
{
    package Failed;
    sub new { my ($class, $message) = @_; return bless {message => $message}, $class }
}

sub check {
    my ($condition, $message) = @_;
    die Failed->new($message) unless $condition;
}

# Calls an operation: the wrapper element with its children (SOAP::Data in http://ephyto.ippc.int/, unprefixed).
# Returns the SOAP::SOM; a SOAP fault dies as a Fault.
sub invoke {
    my ($code, $operation, @children) = @_;
    my $soap = client($code);
    # A wrapper with no children must be an empty element: by itself SOAP::Lite sends <Op xsi:nil="true"/>, which
    # the hub answers with the fault "The GetActiveNppos request is empty." (the wrapper is not nillable).
    # An empty raw-XML part makes it write <Op xmlns="http://ephyto.ippc.int/"/>.
    my @body = @children ? @children : (SOAP::Data->type(xml => ''));
    my $som = $soap->call($operation => @body);
    dump_exchange($code) if $debug;
    if ($som->fault) {
        my $detail = fault_field($som, 'detail', 'Detail');
        die Fault->new(
            code    => fault_code($som),
            string  => fault_field($som, 'faultstring', 'Reason/Text') // '',
            has_hub_exception => defined(scalar $som->dataof('/Envelope/Body/Fault/'
                                                             . ($soap12 ? 'Detail' : 'detail') . '/HubWebException')),
            message => scalar $som->valueof('/Envelope/Body/Fault/' . ($soap12 ? 'Detail' : 'detail')
                                            . '/HubWebException/message'),
            detail  => $detail,
        );
    }
    return $som;
}

sub fault_field {
    my ($som, $v11, $v12) = @_;
    return scalar $som->valueof('/Envelope/Body/Fault/' . ($soap12 ? $v12 : $v11));
}

sub fault_code {
    my ($som) = @_;
    return $soap12 ? scalar $som->valueof('/Envelope/Body/Fault/Code/Value') : scalar $som->faultcode;
}

# The raw last request and response of a participant's client, as sent and received.
sub dump_exchange {
    my ($code) = @_;
    my $soap = $clients{$code} or return;
    my $response = $soap->transport->http_response or return;
    my $request  = $response->request;
    print "--- request of $code:\n", ($request ? decode_raw($request->as_string) : '(none)'), "\n";
    print "--- response to $code:\n", decode_raw($response->as_string), "\n";
}

sub decode_raw {
    my ($bytes) = @_;
    return Encode::decode('UTF-8', $bytes, Encode::FB_DEFAULT());
}

sub show {
    my ($value) = @_;
    return 'undef' unless defined $value;
    if (ref $value eq 'HASH') {
        return '{' . join(', ', map { "$_=" . show($value->{$_}) } sort keys %$value) . '}';
    }
    if (ref $value eq 'ARRAY') {
        return '[' . join(', ', map { show($_) } @$value) . ']';
    }
    return "'$value'";
}

sub ok {
    my ($step, $detail) = @_;
    print 'ok ', $step, (defined $detail && length $detail ? " ($detail)" : ''), "\n";
}

sub fail {
    my ($step, $detail) = @_;
    $failures++;
    (my $line = $detail // '') =~ s/\s+/ /g;
    $line =~ s/^ | $//g;
    print "FAIL $step: $line\n";
}

# Runs one step; its action returns a detail string (or nothing) or dies.
sub step {
    my ($name, $action) = @_;
    $last_client = undef;
    my $detail;
    my $done = eval { $detail = $action->(); 1 };
    if ($done) {
        ok($name, ref $detail ? undef : $detail);
        return 1;
    }
    my $error = $@;
    if (ref $error && $error->isa('Failed')) {
        fail($name, $error->{message});
    }
    elsif (ref $error && $error->isa('Fault')) {
        fail($name, sprintf 'unexpected SOAP fault: %s %s %s', $error->{code} // '', $error->{string},
            show($error->{detail}));
    }
    else {
        fail($name, "error: $error");
    }
    dump_exchange($last_client) if defined $last_client && !$debug;
    return 0;
}

sub new_number {
    my ($tag) = @_;
    return "NL-$tag-$run_id";
}

sub content_for {
    my ($number) = @_;
    (my $content = $CONTENT_TEMPLATE) =~ s/\{number\}/$number/;
    return $content;
}

# With autotype(0) SOAP::Lite writes an untyped value into the XML as it is: escaping it (&, <, >, CR) is ours.
sub text {
    my ($value) = @_;
    return SOAP::Utils::encode_data($value);
}

# A field of the Envelope, in http://ephyto.ippc.int/HUB.Entities (prefix hub, declared on the soap:Envelope).
sub field {
    my ($name, $value) = @_;
    return SOAP::Data->name("hub:$name" => text($value));
}

# DeliverEnvelope; returns the DeliverEnvelopeResult (EnvelopeHeader) as a hash, or undef.
sub deliver {
    my ($sender, $to, $number, %options) = @_;
    my $envelope = SOAP::Data->name(env => \SOAP::Data->value(
        field(From                  => $sender),
        field(To                    => $to),
        field(CertificateType       => $options{certificate_type} // 851),
        field(CertificateStatus     => $options{status} // 70),
        field(NPPOCertificateNumber => $number),
        field(Content               => $options{content} // content_for($number)),
    ));
    return result(invoke($sender, 'DeliverEnvelope', $envelope), 'DeliverEnvelopeResponse/DeliverEnvelopeResult');
}

# A child of the wrapper, unprefixed: in the wrapper's default namespace http://ephyto.ippc.int/.
sub param {
    my ($name, $value) = @_;
    return SOAP::Data->name($name => text($value));
}

# The result element of a response (a hash for a complex value), or undef.
sub result {
    my ($som, $path) = @_;
    return scalar $som->valueof("/Envelope/Body/$path");
}

# The items of an ArrayOfX result, each a hash.
sub items {
    my ($som, $path) = @_;
    return grep { defined } $som->valueof("/Envelope/Body/$path");
}

sub header_numbers {
    return map { ref $_ eq 'HASH' ? $_->{hubDeliveryNumber} : undef } @_;
}

sub tracking {
    my ($code, $number) = @_;
    return result(invoke($code, 'GetEnvelopeTrackingInfo', param(hubTrackingNumber => $number)),
        'GetEnvelopeTrackingInfoResponse/GetEnvelopeTrackingInfoResult');
}

sub import_header_numbers {
    my ($code) = @_;
    return header_numbers(items(invoke($code, 'GetImportEnvelopeHeaders', param(countryCode => '')),
        'GetImportEnvelopeHeadersResponse/GetImportEnvelopeHeadersResult/EnvelopeHeader'));
}

sub pull_import_numbers {
    my ($code) = @_;
    return header_numbers(items(invoke($code, 'PULLImportEnvelope'),
        'PULLImportEnvelopeResponse/PULLImportEnvelopesResult/Envelope'));
}

sub pull_single {
    my ($code, $number) = @_;
    return result(invoke($code, 'PULLSingleImportEnvelope', param(hubTrackingNumber => $number)),
        'PULLSingleImportEnvelopeResponse/PULLSingleImportEnvelopeResult');
}

sub acknowledge {
    my ($code, $number) = @_;
    invoke($code, 'AcknowledgeEnvelopeReceipt', param(hubTrackingNumber => $number));
    return;
}

sub contains {
    my ($wanted, @list) = @_;
    return scalar grep { defined $_ && $_ eq $wanted } @list;
}

sub value_of {
    my ($hash, $key) = @_;
    return ref $hash eq 'HASH' ? $hash->{$key} : undef;
}

# The call must fail with a SOAP fault whose detail is a HubWebException; returns its message.
sub expect_fault {
    my ($call) = @_;
    my $result;
    my $done = eval { $result = $call->(); 1 };
    if ($done) {
        die Failed->new('expected a SOAP fault, got ' . show($result));
    }
    my $error = $@;
    die $error unless ref $error && $error->isa('Fault');
    check($error->{has_hub_exception},
        "SOAP fault without a HubWebException detail: $error->{string} " . show($error->{detail}));
    check(defined $error->{message} && length $error->{message},
        'HubWebException without a message: ' . show($error->{detail}));
    return 'HubWebException: ' . $error->{message};
}

sub first_difference {
    my ($expected, $actual) = @_;
    return sprintf('Content missing (expected %d characters)', length $expected) unless defined $actual;
    my $n = length $expected < length $actual ? length $expected : length $actual;
    for my $i (0 .. $n - 1) {
        my ($e, $a) = (substr($expected, $i, 1), substr($actual, $i, 1));
        next if $e eq $a;
        my $from = $i >= 20 ? $i - 20 : 0;
        return sprintf "at character %d expected %s, got %s (...%s...)", $i, show($e), show($a),
            show(substr($actual, $from, 40));
    }
    return sprintf 'lengths differ: expected %d, got %d', length $expected, length $actual;
}

# ---- the exchange -------------------------------------------------------------------------------------------

sub run {
    client($_) for qw(NL KE US);
    ok('setup', sprintf 'hand-built SOAP::Lite %s calls, SOAP %s, service bound to %s', $SOAP::Lite::VERSION,
        $soap12 ? '1.2' : '1.1', $address);

    my %state;
    my $first_number  = new_number('PERL-1');
    my $first_content = content_for($first_number);

    # a. NL delivers to KE.
    my $a = sub {
        my $header = deliver('NL', 'KE', $first_number, content => $first_content);
        check(ref $header eq 'HASH', 'DeliverEnvelope returned no header: ' . show($header));
        check($header->{hubDeliveryNumber}, 'no hubDeliveryNumber in ' . show($header));
        check(($header->{HUBTrackingInfo} // '') eq 'PendingDelivery',
            sprintf 'HUBTrackingInfo %s, expected PendingDelivery (%s)', show($header->{HUBTrackingInfo}),
                show($header));
        check(($header->{From} // '') eq 'NL' && ($header->{To} // '') eq 'KE'
              && ($header->{NPPOCertificateNumber} // '') eq $first_number,
            'header does not echo the envelope: ' . show($header));
        $state{n1} = $header->{hubDeliveryNumber};
        return "hubDeliveryNumber=$header->{hubDeliveryNumber}";
    };
    if (!step('a.deliver', $a)) {
        fail('b-f', 'skipped: step a did not return a delivery number');
    }
    else {
        run_b_to_d($state{n1}, $first_content);
    }
    run_e();
    run_f();
    run_g($state{n1});
    run_h();
    return $failures == 0;
}

sub run_b_to_d {
    my ($n1, $content) = @_;

    step('b.tracking-pending', sub {
        my $header = tracking('NL', $n1);
        check((value_of($header, 'HUBTrackingInfo') // '') eq 'PendingDelivery',
            'expected PendingDelivery, got ' . show($header));
        return;
    });

    step('b.under-delivery-lists', sub {
        my @numbers = header_numbers(items(invoke('NL', 'GetUnderDeliveryEnvelope'),
            'GetUnderDeliveryEnvelopeResponse/GetUnderDeliveryEnvelopeResult/EnvelopeHeader'));
        check(contains($n1, @numbers), "$n1 not in GetUnderDeliveryEnvelope " . show(\@numbers));
        return scalar(@numbers) . ' listed';
    });

    step('c.import-headers-list', sub {
        my @numbers = import_header_numbers('KE');
        check(contains($n1, @numbers), "$n1 not in GetImportEnvelopeHeaders " . show(\@numbers));
        return scalar(@numbers) . ' listed';
    });

    step('c.pull-single-content-equal', sub {
        my $envelope = pull_single('KE', $n1);
        check(ref $envelope eq 'HASH', 'no envelope: ' . show($envelope));
        check(($envelope->{hubDeliveryNumber} // '') eq $n1, 'hubDeliveryNumber ' . show($envelope->{hubDeliveryNumber}));
        check(($envelope->{From} // '') eq 'NL' && ($envelope->{To} // '') eq 'KE',
            sprintf 'From/To %s/%s', show($envelope->{From}), show($envelope->{To}));
        check(($envelope->{CertificateType} // '') eq '851' && ($envelope->{CertificateStatus} // '') eq '70',
            sprintf 'type/status %s/%s', show($envelope->{CertificateType}), show($envelope->{CertificateStatus}));
        check(defined $envelope->{Content} && $envelope->{Content} eq $content,
            'Content differs: ' . first_difference($content, $envelope->{Content}));
        return length($content) . ' characters equal';
    });

    step('c.pull-import-lists', sub {
        my @numbers = pull_import_numbers('KE');
        check(contains($n1, @numbers), "$n1 not in PULLImportEnvelope " . show(\@numbers));
        return scalar(@numbers) . ' listed';
    });

    step('d.acknowledge', sub { acknowledge('KE', $n1) });

    step('d.tracking-delivered', sub {
        my $header = tracking('NL', $n1);
        check((value_of($header, 'HUBTrackingInfo') // '') eq 'Delivered', 'expected Delivered, got ' . show($header));
        return;
    });

    step('d.second-ack-faults', sub { expect_fault(sub { acknowledge('KE', $n1) }) });

    step('d.acknowledged-not-listed', sub {
        my @numbers = import_header_numbers('KE');
        check(!contains($n1, @numbers), "$n1 still listed after acknowledgement");
        return;
    });
}

sub acknowledged_variant {
    my ($tag, $letter, $certificate_type, $ack_name, $ack, $expected_state, $expected_message) = @_;
    my $number = new_number("PERL-$tag");
    my %state;

    my $deliver = sub {
        my $header = deliver('NL', 'KE', $number, certificate_type => $certificate_type);
        check(ref $header eq 'HASH' && $header->{hubDeliveryNumber}
              && ($header->{HUBTrackingInfo} // '') eq 'PendingDelivery',
            'expected a PendingDelivery header, got ' . show($header));
        $state{n} = $header->{hubDeliveryNumber};
        return "hubDeliveryNumber=$header->{hubDeliveryNumber}";
    };
    return unless step("$letter.deliver", $deliver);
    my $n = $state{n};

    step("$letter.pull", sub {
        my $envelope = pull_single('KE', $n);
        check((value_of($envelope, 'hubDeliveryNumber') // '') eq $n, 'got ' . show($envelope));
        return;
    });

    step("$letter.$ack_name", sub { 'return=' . show($ack->($n)) });

    step("$letter.tracking-$expected_state", sub {
        my $header = tracking('NL', $n);
        check(ref $header eq 'HASH', 'no header: ' . show($header));
        check(($header->{HUBTrackingInfo} // '') eq $expected_state,
            sprintf 'expected %s, got %s (%s)', $expected_state, show($header->{HUBTrackingInfo}), show($header));
        check(($header->{hubDeliveryErrorMessage} // '') eq $expected_message,
            sprintf 'hubDeliveryErrorMessage %s, expected %s', show($header->{hubDeliveryErrorMessage}),
                show($expected_message));
        return;
    });
}

sub run_e {
    acknowledged_variant('2', 'e', 657, 'advanced-ack', sub {
        my ($n) = @_;
        return result(invoke('KE', 'AdvancedAcknowledgeEnvelopeReceipt',
                param(hubTrackingNumber => $n), param(warningMessage => 'weight missing')),
            'AdvancedAcknowledgeEnvelopeReceiptResponse/return');
    }, 'DeliveredWithWarnings', 'weight missing');
}

sub run_f {
    acknowledged_variant('3', 'f', 851, 'failed-ack', sub {
        my ($n) = @_;
        return result(invoke('KE', 'AcknowledgeFailedEnvelopeReceipt',
                param(hubTrackingNumber => $n), param(message => 'not readable')),
            'AcknowledgeFailedEnvelopeReceiptResponse/return');
    }, 'DeliveredNotReadable', 'not readable');
}

sub run_g {
    my ($n1) = @_;

    step('g.foreign-tracking-not-exists', sub {
        check(defined $n1, 'skipped: step a did not return a delivery number');
        my $header = tracking('KE', $n1);
        check((value_of($header, 'HUBTrackingInfo') // '') eq 'EnvelopeNotExists',
            'expected EnvelopeNotExists, got ' . show($header));
        return;
    });

    step('g.unknown-number-not-exists', sub {
        my $header = tracking('NL', 'no-such-' . random_hex(16));
        check((value_of($header, 'HUBTrackingInfo') // '') eq 'EnvelopeNotExists',
            'expected EnvelopeNotExists, got ' . show($header));
        return;
    });

    my $number = new_number('PERL-4');
    my %state;
    my $deliver = sub {
        my $header = deliver('NL', 'KE', $number);
        check(ref $header eq 'HASH' && $header->{hubDeliveryNumber}
              && ($header->{HUBTrackingInfo} // '') eq 'PendingDelivery',
            'expected a PendingDelivery header, got ' . show($header));
        $state{n} = $header->{hubDeliveryNumber};
        return;
    };
    if (step('g.deliver-to-KE', $deliver)) {
        my $n = $state{n};

        step('g.other-participant-pull-faults', sub { expect_fault(sub { pull_single('US', $n) }) });

        step('g.other-participant-not-listed', sub {
            my @numbers = import_header_numbers('US');
            check(!contains($n, @numbers), "US lists KE's envelope $n");
            @numbers = pull_import_numbers('US');
            check(!contains($n, @numbers), "US PULLImportEnvelope returns KE's envelope $n");
            return;
        });

        step('g.other-participant-ack-faults', sub { expect_fault(sub { acknowledge('US', $n) }) });

        step('g.still-pending-for-recipient', sub {
            my $header = tracking('NL', $n);
            check((value_of($header, 'HUBTrackingInfo') // '') eq 'PendingDelivery',
                'expected PendingDelivery, got ' . show($header));
            acknowledge('KE', $n);
            return;
        });
    }

    step('g.unknown-to-failed-delivery', sub {
        my $header = deliver('NL', 'ZZ', new_number('PERL-ZZ'));
        check(ref $header eq 'HASH', 'no header: ' . show($header));
        check(($header->{HUBTrackingInfo} // '') eq 'FailedDelivery',
            sprintf 'expected FailedDelivery, got %s (%s)', show($header->{HUBTrackingInfo}), show($header));
        check($header->{hubDeliveryErrorMessage}, 'no hubDeliveryErrorMessage');
        return 'hubDeliveryErrorMessage=' . show($header->{hubDeliveryErrorMessage});
    });
}

sub run_h {
    step('h.active-nppos', sub {
        my @countries = sort map { value_of($_, 'Country') // '' }
            items(invoke('KE', 'GetActiveNppos'), 'GetActiveNpposResponse/GetActiveNpposResult/Nppo');
        my @missing = grep { !contains($_, @countries) } qw(KE NL US);
        check(!@missing, 'missing ' . show(\@missing) . ' in GetActiveNppos ' . show(\@countries));
        return 'countries=' . join ',', @countries;
    });

    step('h.profile', sub {
        my $profile = result(invoke('NL', 'GetProfile'), 'GetProfileResponse/GetProfileResult');
        check((value_of($profile, 'Country') // '') eq 'NL', 'expected Country NL, got ' . show($profile));
        my $other = result(invoke('KE', 'GetProfile'), 'GetProfileResponse/GetProfileResult');
        check((value_of($other, 'Country') // '') eq 'KE', "KE's profile: expected Country KE, got " . show($other));
        return;
    });

    step('h.available-channels', sub {
        my @channels = items(invoke('NL', 'GetAvailableChannels'),
            'GetAvailableChannelsResponse/GetAvailableChannelsResult/Channel');
        return scalar(@channels) . ' channels';
    });
}

my $passed = eval { run() };
if (!defined $passed) {
    fail('run', "error: $@");
    $passed = 0;
}
printf "%s: %d failed step(s)\n", $passed ? 'PASSED' : 'FAILED', $failures;
exit($passed ? 0 : 1);
