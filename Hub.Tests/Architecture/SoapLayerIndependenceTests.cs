using System.Reflection;

namespace Hub.Tests.Architecture;

/// <summary>The SOAP layer is a small library: it must not know the hub's contract types, store or operations.</summary>
public sealed class SoapLayerIndependenceTests
{
    private static readonly string[] s_forbidden = ["Hub.Contracts", "Hub.Data", "Hub.Service.Operations", "Hub.Service.Delivery", "Hub.Service.Identity", "Hub.Service.Hosting", "Hub.Service.Setup"];

    [Test]
    public void TypesOfTheSoapNamespace_ReferenceNoHubSpecificType()
    {
        var soapTypes = typeof(Hub.Service.Soap.SoapVersion).Assembly.GetTypes()
            .Where(t => t.Namespace == "Hub.Service.Soap")
            .ToList();
        Assert.That(soapTypes, Is.Not.Empty);

        var offending = new List<string>();
        foreach (var type in soapTypes)
        {
            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            var used = type.GetFields(all).Select(f => f.FieldType)
                .Concat(type.GetMethods(all).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)))
                .Concat(type.GetConstructors(all).SelectMany(c => c.GetParameters().Select(p => p.ParameterType)))
                .Concat(type.GetProperties(all).Select(p => p.PropertyType))
                .SelectMany(Flatten);
            offending.AddRange(used.Where(u => s_forbidden.Any(f => u.Namespace?.StartsWith(f, StringComparison.Ordinal) == true))
                .Select(u => $"{type.Name} uses {u.FullName}"));
        }
        Assert.That(offending.Distinct(), Is.Empty);
    }

    [Test]
    public void SourceFilesOfTheSoapFolder_ImportNoHubSpecificNamespace()
    {
        var folder = Path.Combine(RepositoryRoot(), "Hub.Service", "Soap");
        var usings = Directory.EnumerateFiles(folder, "*.cs")
            .SelectMany(f => File.ReadLines(f).Where(l => l.StartsWith("using Hub.", StringComparison.Ordinal)).Select(l => $"{Path.GetFileName(f)}: {l}"));
        Assert.That(usings, Is.Empty);
    }

    private static IEnumerable<Type> Flatten(Type type) =>
        type.IsGenericType ? type.GetGenericArguments().SelectMany(Flatten).Prepend(type) : type.HasElementType ? Flatten(type.GetElementType()!) : [type];

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Hub.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Hub.sln not found above " + AppContext.BaseDirectory);
    }
}
