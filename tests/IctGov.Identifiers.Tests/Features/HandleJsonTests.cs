using System.Text;
using System.Text.Json;
using IctGov.Identifiers.Features;
using IctGov.Protocols.Handle;

namespace IctGov.Identifiers.Tests.Features;

public class HandleJsonTests
{
    [Fact]
    public void ParseValues_ReadsTheThreeDataFormats()
    {
        using var doc = JsonDocument.Parse("""
            {"values":[{"index":1,"type":"URL","data":{"format":"string","value":"https://e.example"}},
                       {"index":2,"type":"BLOB","data":{"format":"base64","value":"AAEC"},"ttl":60},
                       {"index":3,"type":"HEX","data":{"format":"hex","value":"0a0B"}},
                       {"index":4,"type":"NOTE","data":"plain"}]}
            """);
        var v = HandleJson.ParseValues(doc.RootElement);
        Assert.Equal("https://e.example", v[0].DataAsText);
        Assert.Equal(new byte[] { 0, 1, 2 }, v[1].Data);
        Assert.Equal(60, v[1].Ttl);
        Assert.Equal(new byte[] { 10, 11 }, v[2].Data);
        Assert.Equal("plain", v[3].DataAsText);
    }

    [Fact]
    public void ToJson_ShowsTextAsStringAndAMalformedAdminAsBase64()
    {
        var url = HandleJson.ToJson(HandleValue.Text(1, "URL", "https://e.example", 1_780_000_000));
        Assert.Equal(("string", "https://e.example", "2026-05-28T20:26:40Z"), (url.Data.Format, (string)url.Data.Value, url.Timestamp));
        var admin = HandleJson.ToJson(new HandleValue { Index = 100, Type = "HS_ADMIN", Data = Encoding.UTF8.GetBytes("abc") });
        Assert.Equal(("base64", "YWJj"), (admin.Data.Format, (string)admin.Data.Value));
    }

    [Fact]
    public void AdminAndValueList_RoundTripInHandleNetsJsonForm()
    {
        // Handle.Net writes the 12 permission bits most significant first: list handles, read value,
        // add admin, remove admin, modify admin, add value, remove value, modify value,
        // delete derived prefix, add derived prefix, delete handle, add handle.
        using var doc = JsonDocument.Parse("""
            [{"index":100,"type":"HS_ADMIN","data":{"format":"admin","value":{"handle":"0.NA/88.100.1","index":200,"permissions":"010001110011"}}},
             {"index":200,"type":"HS_VLIST","data":{"format":"vlist","value":[{"handle":"88.100.1/admin","index":300},{"handle":"88.100.1/ops","index":301}]}}]
            """);
        var values = HandleJson.ParseValues(doc.RootElement);
        var admin = AdminRecord.Decode(values[0].Data);
        Assert.Equal(("0.NA/88.100.1", 200), (admin.AdminHandle, admin.AdminIndex));
        Assert.Equal(AdminPermissions.AddHandle | AdminPermissions.DeleteHandle | AdminPermissions.ModifyValue | AdminPermissions.RemoveValue
            | AdminPermissions.AddValue | AdminPermissions.ReadValue, admin.Permissions);
        Assert.Equal([new ValueReference("88.100.1/admin", 300), new ValueReference("88.100.1/ops", 301)], ValueReferenceList.Decode(values[1].Data));

        var adminJson = HandleJson.ToJson(values[0]);
        Assert.Equal(("admin", new AdminData("0.NA/88.100.1", 200, "010001110011")), (adminJson.Data.Format, (AdminData)adminJson.Data.Value));
        var listJson = HandleJson.ToJson(values[1]);
        Assert.Equal("vlist", listJson.Data.Format);
        Assert.Equal([new ReferenceData("88.100.1/admin", 300), new ReferenceData("88.100.1/ops", 301)], (ReferenceData[])listJson.Data.Value);
        Assert.Equal("200:0.NA/88.100.1 010001110011", adminJson.Data.Display);
    }

    [Theory]
    [InlineData("""[{"type":"URL","data":"x"}]""", "values[0].index")]
    [InlineData("""[{"index":1,"data":"x"}]""", "values[0].type")]
    [InlineData("""[{"index":1,"type":"URL","data":{"format":"base64","value":"!!"}}]""", "not valid base64")]
    [InlineData("""[{"index":1,"type":"HS_ADMIN","data":{"format":"admin","value":"x"}}]""", "expected {\"handle\"")]
    [InlineData("""[{"index":1,"type":"HS_ADMIN","data":{"format":"admin","value":{"handle":"0.NA/88","index":200,"permissions":"01x"}}}]""", "permissions: expected up to 12 bits")]
    [InlineData("""[{"index":1,"type":"HS_SITE","data":{"format":"site","value":{}}}]""", "send the value's wire form as base64")]
    [InlineData("""[{"index":1,"type":"URL","data":{"format":"yaml","value":"x"}}]""", "expected string, base64, hex, admin or vlist")]
    public void ParseValues_NamesWhatIsWrong(string json, string expected)
    {
        using var doc = JsonDocument.Parse(json);
        var e = Assert.Throws<HandleJsonException>(() => HandleJson.ParseValues(doc.RootElement));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseBatch_Fuzzed_ThrowsOnlyItsOwnErrors()
    {
        var seed = """{"handles":[{"handle":"88.1/a","values":[{"index":1,"type":"URL","data":{"format":"hex","value":"00ff"},"ttl":5}]}]}""";
        var rng = new Random(20261124);
        for (var round = 0; round < 20_000; round++)
        {
            var bytes = Encoding.UTF8.GetBytes(seed);
            if (round % 4 == 0)
            {
                bytes = new byte[rng.Next(0, 64)];
                rng.NextBytes(bytes);
            }
            else
            {
                for (var m = rng.Next(1, 5); m > 0; m--)
                {
                    bytes[rng.Next(bytes.Length)] = (byte)Alphabet[rng.Next(Alphabet.Length)];
                }
            }
            try
            {
                using var doc = JsonDocument.Parse(bytes);
                RegistryApiParse(doc.RootElement);
            }
            catch (JsonException)
            {
                // not JSON: the API answers 400 before parsing values
            }
            catch (HandleJsonException)
            {
                // the parser's own error
            }
        }
    }

    private const string Alphabet = "{}[]\":,0123456789aZ-. \\";

    private static void RegistryApiParse(JsonElement root) => RegistryApi.ParseBatch(root);
}
