using System.Reflection;
using System.Text;

namespace Sip.Tests;

/// <summary>
/// The parser reads header names from bytes through a hashed, case-folding lookup; the names it gives must be those the
/// string lookup gives, in any case, for every known name and compact form, and nothing else may pass for a known name.
/// </summary>
public sealed class HeaderNameTests
{
    private static IEnumerable<string> KnownNames() =>
        typeof(HeaderNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            // Interned, as the literals the library compares by reference are.
            .Select(field => string.Intern((string)field.GetRawConstantValue()!));

    [TestCaseSource(nameof(KnownNames))]
    public void AKnownNameInAnyCaseIsTheSharedConstant(string name)
    {
        foreach (var spelling in new[] { name, name.ToLowerInvariant(), name.ToUpperInvariant() })
        {
            Assert.That(HeaderNames.Canonicalize(Encoding.ASCII.GetBytes(spelling)), Is.SameAs(name), spelling);
        }
    }

    [Test]
    public void EveryLetterMapsAsTheStringLookupMapsIt()
    {
        for (var c = 'A'; c <= 'z'; c++)
        {
            var text = c.ToString();
            Assert.That(HeaderNames.Canonicalize(Encoding.ASCII.GetBytes(text)), Is.EqualTo(HeaderNames.Canonicalize(text)), text);
        }
    }

    [TestCaseSource(nameof(KnownNames))]
    public void ANameOneByteAwayFromAKnownOneIsKeptAsItCame(string name)
    {
        var bytes = Encoding.ASCII.GetBytes(name);
        for (var i = 0; i < bytes.Length; i++)
        {
            // A hyphen becomes CR, which folds onto it under | 0x20; a letter becomes the next letter.
            var changed = (byte[])bytes.Clone();
            changed[i] = changed[i] == '-' ? (byte)'\r' : (byte)(char.IsAsciiLetterLower((char)changed[i]) ? 'a' + ((changed[i] - 'a' + 1) % 26) : 'A' + ((changed[i] - 'A' + 1) % 26));
            var expected = HeaderNames.Canonicalize(Encoding.ASCII.GetString(changed));
            Assert.That(HeaderNames.Canonicalize(changed), Is.EqualTo(expected), Encoding.ASCII.GetString(changed));
        }
    }
}
