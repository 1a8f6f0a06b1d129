using Hub.Service.Soap;

namespace Hub.Tests.Soap;

public sealed partial class SoapEnvelopeReaderTests
{
    // ---- MaxDepth (the Envelope counts as level 1) ----

    [TestCase(4)]
    [TestCase(10)]
    [TestCase(64)]
    public void MaxDepth_in_a_header_block_is_accepted_at_N_and_refused_at_N_plus_1(int n)
    {
        var reader = Reader(maxDepth: n);
        // Envelope (1) / Header (2) / k nested elements (3 .. 2 + k)
        Assert.That(Scan(Envelope(Operation(), header: Nested(n - 2)), reader: reader).Name, Is.EqualTo("GetProfile"));
        var fault = Refused(Envelope(Operation(), header: Nested(n - 1)), reader: reader);
        Assert.That(fault.Code, Is.EqualTo(SoapFaultCode.Sender));
        Assert.That(fault.Reason, Does.Contain($"deeper than {n} levels (limit MaxDepth)"));
    }

    [TestCase(4)]
    [TestCase(10)]
    [TestCase(64)]
    public void MaxDepth_in_the_body_is_accepted_at_N_and_refused_at_N_plus_1(int n)
    {
        var reader = Reader(maxDepth: n);
        // Envelope (1) / Body (2) / GetProfile (3) / k nested elements (4 .. 3 + k)
        Assert.That(Scan(Envelope(Operation(Nested(n - 3))), reader: reader).Name, Is.EqualTo("GetProfile"));
        Assert.That(Refused(Envelope(Operation(Nested(n - 2))), reader: reader).Reason, Does.Contain($"deeper than {n} levels (limit MaxDepth)"));
    }

    [Test]
    public void MaxDepth_below_the_body_element_refuses_every_request()
    {
        Assert.That(Refused(Envelope(Operation()), reader: Reader(maxDepth: 2)).Reason, Does.Contain("deeper than 2 levels"));
    }

    // ---- MaxElements (every element counts, the Envelope too) ----

    [TestCase(3)]
    [TestCase(10)]
    [TestCase(500)]
    public void MaxElements_in_the_body_is_accepted_at_N_and_refused_at_N_plus_1(int n)
    {
        var reader = Reader(maxElements: n);
        // Envelope + Body + GetProfile = 3, plus k children.
        Assert.That(Scan(Envelope(Operation(Siblings(n - 3))), reader: reader).Name, Is.EqualTo("GetProfile"));
        var fault = Refused(Envelope(Operation(Siblings(n - 2))), reader: reader);
        Assert.That(fault.Code, Is.EqualTo(SoapFaultCode.Sender));
        Assert.That(fault.Reason, Does.Contain($"more than {n} elements (limit MaxElements)"));
    }

    [TestCase(4)]
    [TestCase(100)]
    public void MaxElements_in_the_header_is_accepted_at_N_and_refused_at_N_plus_1(int n)
    {
        var reader = Reader(maxElements: n);
        // Envelope + Header + Body + GetProfile = 4, plus k header blocks.
        Assert.That(Scan(Envelope(Operation(), header: Siblings(n - 4)), reader: reader).Name, Is.EqualTo("GetProfile"));
        Assert.That(Refused(Envelope(Operation(), header: Siblings(n - 3)), reader: reader).Reason,
            Does.Contain($"more than {n} elements (limit MaxElements)"));
    }

    // ---- MaxAttributeChars ----

    [TestCase(64)]
    [TestCase(5000)]
    public void MaxAttributeChars_on_a_header_block_is_accepted_at_N_and_refused_at_N_plus_1(int n)
    {
        var reader = Reader(maxAttributeChars: n);
        string Header(int length) => $"<x:a xmlns:x=\"{Other}\" v=\"{new string('v', length)}\"/>";
        Assert.That(Scan(Envelope(Operation(), header: Header(n)), reader: reader).Name, Is.EqualTo("GetProfile"));
        var fault = Refused(Envelope(Operation(), header: Header(n + 1)), reader: reader);
        Assert.That(fault.Code, Is.EqualTo(SoapFaultCode.Sender));
        Assert.That(fault.Reason, Does.Contain($"An attribute is longer than {n} characters (limit MaxAttributeChars)"));
    }

    [TestCase(64)]
    [TestCase(5000)]
    public void MaxAttributeChars_on_the_body_element_is_accepted_at_N_and_refused_at_N_plus_1(int n)
    {
        var reader = Reader(maxAttributeChars: n);
        string Body(int length) => $"<t:GetProfile xmlns:t=\"{Tns}\" v=\"{new string('v', length)}\"/>";
        Assert.That(Scan(Envelope(Body(n)), reader: reader).Name, Is.EqualTo("GetProfile"));
        Assert.That(Refused(Envelope(Body(n + 1)), reader: reader).Reason, Does.Contain($"An attribute is longer than {n} characters"));
    }

    [TestCase(64)]
    [TestCase(5000)]
    public void MaxAttributeChars_on_the_Envelope_is_accepted_at_N_and_refused_at_N_plus_1(int n)
    {
        var reader = Reader(maxAttributeChars: n);
        Assert.That(Scan(Envelope(Operation(), envelopeAttributes: $" v=\"{new string('v', n)}\""), reader: reader).Name, Is.EqualTo("GetProfile"));
        Assert.That(Refused(Envelope(Operation(), envelopeAttributes: $" v=\"{new string('v', n + 1)}\""), reader: reader).Reason,
            Does.Contain($"An attribute is longer than {n} characters"));
    }

    [TestCase(64)]
    [TestCase(5000)]
    public void MaxAttributeChars_counts_namespace_declarations(int n)
    {
        var reader = Reader(maxAttributeChars: n);
        string Declaration(int length) => $" xmlns:long=\"urn:{new string('n', length - 4)}\"";
        Assert.That(Scan(Envelope(Operation(), envelopeAttributes: Declaration(n)), reader: reader).Name, Is.EqualTo("GetProfile"));
        Assert.That(Refused(Envelope(Operation(), envelopeAttributes: Declaration(n + 1)), reader: reader).Reason,
            Does.Contain($"An attribute is longer than {n} characters"));
    }

    [TestCase(64)]
    [TestCase(5000)]
    public void MaxAttributeChars_bounds_element_names_at_N_and_N_plus_1(int n)
    {
        var reader = Reader(maxAttributeChars: n);
        string Block(int length) => $"<x:{new string('e', length)} xmlns:x=\"{Other}\"/>";
        Assert.That(Scan(Envelope(Operation(), header: Block(n)), reader: reader).Name, Is.EqualTo("GetProfile"));
        Assert.That(Refused(Envelope(Operation(), header: Block(n + 1)), reader: reader).Reason,
            Does.Contain($"An element name is longer than {n} characters (limit MaxAttributeChars)"));
    }
}
