using System.Text;
using System.Xml;
using Hub.Service.Soap;

namespace Hub.Tests.Soap;

/// <summary>
/// A fault's reason may quote the request (an XmlException message quotes the offending character): it must always be
/// writable as XML, or the caller gets no SOAP fault at all.
/// </summary>
[TestFixture]
public sealed class SoapFaultTextTests
{
    [TestCase("plain text, é, 日本, 😀", "plain text, é, 日本, 😀")]
    [TestCase("'\u001f', hexadecimal value 0x1F", "'\\u001F', hexadecimal value 0x1F")]
    [TestCase("nul \0 and bell \a", "nul \\u0000 and bell \\u0007")]
    [TestCase("\ufffe\uffff", "\\uFFFE\\uFFFF")]
    [TestCase("tab\tnewline\ncr\r", "tab\tnewline\ncr\r")]
    public void XmlSafe_escapes_exactly_what_XML_cannot_carry(string reason, string expected)
    {
        var safe = SoapEndpoint.XmlSafe(reason);
        Assert.That(safe, Is.EqualTo(expected));
        var output = new StringBuilder();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { CheckCharacters = true }))
            writer.WriteElementString("faultstring", safe);
        Assert.That(output.ToString(), Does.Contain("faultstring"));
    }

    [Test]
    public void XmlSafe_escapes_lone_surrogates_and_keeps_pairs()
    {
        // Built in code: a lone surrogate does not survive an attribute argument.
        var reason = "lone " + '\uD800' + " high, lone " + '\uDC00' + " low, pair " + "\uD83D\uDE00" + ", reversed " + '\uDE00' + '\uD83D';
        Assert.That(SoapEndpoint.XmlSafe(reason),
            Is.EqualTo("lone \\uD800 high, lone \\uDC00 low, pair \uD83D\uDE00, reversed \\uDE00\\uD83D"));
    }

    [Test]
    public void XmlSafe_returns_a_clean_reason_as_it_is()
    {
        const string reason = "The request is not well-formed XML: Unexpected end of file.";
        Assert.That(SoapEndpoint.XmlSafe(reason), Is.SameAs(reason));
    }
}
