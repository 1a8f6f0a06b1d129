using System.Text;
using System.Xml;

namespace Hub.Service.Soap;

/// <summary>Writes response envelopes and faults in the request's SOAP version.</summary>
internal sealed class SoapEnvelopeWriter(SoapBodySerializer serializer)
{
    private static readonly XmlWriterSettings s_settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        OmitXmlDeclaration = false,
        Indent = false,
        CloseOutput = false,
        // CR in text (e.g. in Content) is written as &#xD; so that the receiver's parser keeps it: byte for byte.
        NewLineHandling = NewLineHandling.Entitize,
    };

    public void WriteResponse(Stream output, SoapVersion version, object body)
    {
        using var writer = XmlWriter.Create(output, s_settings);
        WriteStart(writer, version);
        serializer.Serialize(writer, body);
        WriteEnd(writer);
    }

    public void WriteFault(Stream output, SoapVersion version, SoapFault fault)
    {
        using var writer = XmlWriter.Create(output, s_settings);
        var ns = version.EnvelopeNamespace;
        WriteStart(writer, version);
        writer.WriteStartElement("soap", "Fault", ns);
        if (version == SoapVersion.Soap11)
        {
            writer.WriteStartElement("faultcode", "");
            writer.WriteQualifiedName(CodeName(fault.Code, version), ns);
            writer.WriteEndElement();
            writer.WriteElementString("faultstring", "", fault.Reason);
            WriteDetail(writer, fault, "detail", "");
        }
        else
        {
            writer.WriteStartElement("soap", "Code", ns);
            writer.WriteStartElement("soap", "Value", ns);
            writer.WriteQualifiedName(CodeName(fault.Code, version), ns);
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteStartElement("soap", "Reason", ns);
            writer.WriteStartElement("soap", "Text", ns);
            writer.WriteAttributeString("xml", "lang", null, "en");
            writer.WriteString(fault.Reason);
            writer.WriteEndElement();
            writer.WriteEndElement();
            WriteDetail(writer, fault, "Detail", ns);
        }
        writer.WriteEndElement();
        WriteEnd(writer);
    }

    private void WriteDetail(XmlWriter writer, SoapFault fault, string name, string ns)
    {
        if (fault.Detail is null || !serializer.CanSerialize(fault.Detail.GetType())) return;
        if (ns.Length == 0) writer.WriteStartElement(name, "");
        else writer.WriteStartElement("soap", name, ns);
        serializer.Serialize(writer, fault.Detail);
        writer.WriteEndElement();
    }

    private static string CodeName(SoapFaultCode code, SoapVersion version) => code switch
    {
        SoapFaultCode.Sender => version.SenderFaultCode,
        SoapFaultCode.Receiver => version.ReceiverFaultCode,
        _ => code.ToString(),
    };

    private static void WriteStart(XmlWriter writer, SoapVersion version)
    {
        writer.WriteStartDocument();
        writer.WriteStartElement("soap", "Envelope", version.EnvelopeNamespace);
        writer.WriteStartElement("soap", "Body", version.EnvelopeNamespace);
    }

    private static void WriteEnd(XmlWriter writer)
    {
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndDocument();
    }
}
