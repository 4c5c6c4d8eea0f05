using System.Text.Json;
using IctGov.Kernel.Results;
using IctGov.Security.Domain.Stix;

namespace IctGov.Security.Tests;

/// <summary>
/// The STIX 2.1 validator against the specification's own examples (sections 4, 5 and 7) and
/// against each rule broken one at a time: every refusal names the object's position, the property
/// and what was expected with the object's id.
/// </summary>
public class StixValidatorTests
{
    // Objects from the STIX 2.1 specification's examples (sections 4.1, 4.2, 4.5, 4.7, 4.11, 4.17, 4.19, 5.1, 5.2, 7.2).
    public const string Indicator = """{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created_by_ref":"identity--f431f809-377b-45e0-aa1c-6a4751cae5ff","created":"2016-04-06T20:03:48.000Z","modified":"2016-04-06T20:03:48.000Z","indicator_types":["malicious-activity"],"name":"Poison Ivy Malware","description":"This file is part of Poison Ivy","pattern":"[ file:hashes.'SHA-256' = '4bac27393bdd9777ce02453256c5577cd02275510b2227f473d03f533924f877' ]","pattern_type":"stix","valid_from":"2016-01-01T00:00:00Z"}""";
    public const string Malware = """{"type":"malware","spec_version":"2.1","id":"malware--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061","created":"2016-05-12T08:17:27.000Z","modified":"2016-05-12T08:17:27.000Z","name":"Cryptolocker","description":"A variant of the cryptolocker family","malware_types":["ransomware"],"is_family":false}""";
    public const string Relationship = """{"type":"relationship","spec_version":"2.1","id":"relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad","created":"2016-04-06T20:06:37.000Z","modified":"2016-04-06T20:06:37.000Z","relationship_type":"indicates","source_ref":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","target_ref":"malware--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061"}""";
    public const string Identity = """{"type":"identity","spec_version":"2.1","id":"identity--f431f809-377b-45e0-aa1c-6a4751cae5ff","created":"2015-12-21T19:59:11.000Z","modified":"2015-12-21T19:59:11.000Z","name":"ACME Widget, Inc.","identity_class":"organization"}""";

    public static TheoryData<string> SpecificationExamples =>
    [
        Indicator, Malware, Relationship, Identity,
        """{"type":"attack-pattern","spec_version":"2.1","id":"attack-pattern--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061","created":"2016-05-12T08:17:27.000Z","modified":"2016-05-12T08:17:27.000Z","name":"Spear Phishing as Practiced by Adversary X","description":"A particular form of spear phishing where the attacker claims that the target had won a contest, including personal details, to get them to click on a link.","external_references":[{"source_name":"capec","external_id":"CAPEC-163"}]}""",
        """{"type":"campaign","spec_version":"2.1","id":"campaign--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created_by_ref":"identity--f431f809-377b-45e0-aa1c-6a4751cae5ff","created":"2016-04-06T20:03:00.000Z","modified":"2016-04-06T20:03:00.000Z","name":"Green Group Attacks Against Finance","description":"Campaign by Green Group against a series of targets in the financial services sector."}""",
        """{"type":"threat-actor","spec_version":"2.1","id":"threat-actor--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created_by_ref":"identity--f431f809-377b-45e0-aa1c-6a4751cae5ff","created":"2016-04-06T20:03:48.000Z","modified":"2016-04-06T20:03:48.000Z","threat_actor_types":["crime-syndicate"],"name":"Evil Org","description":"The Evil Org threat actor group","aliases":["Syndicate 1","Evil Syndicate 99"],"roles":["director"],"goals":["Steal bank money","Steal credit cards"],"sophistication":"advanced","resource_level":"team","primary_motivation":"organizational-gain"}""",
        """{"type":"vulnerability","spec_version":"2.1","id":"vulnerability--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061","created":"2016-05-12T08:17:27.000Z","modified":"2016-05-12T08:17:27.000Z","name":"CVE-2016-1234","external_references":[{"source_name":"cve","external_id":"CVE-2016-1234"}]}""",
        """{"type":"sighting","spec_version":"2.1","id":"sighting--ee20065d-2555-424f-ad9e-0f8428623c75","created_by_ref":"identity--f431f809-377b-45e0-aa1c-6a4751cae5ff","created":"2016-04-06T20:08:31.000Z","modified":"2016-04-06T20:08:31.000Z","first_seen":"2015-12-21T19:00:00Z","last_seen":"2015-12-21T19:00:00Z","count":50,"sighting_of_ref":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","observed_data_refs":["observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf"],"where_sighted_refs":["identity--b67d30ff-02ac-498a-92f9-32f845f448ff"]}""",
        """{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da","created":"2017-01-20T00:00:00.000Z","definition_type":"tlp","name":"TLP:GREEN","definition":{"tlp":"green"}}""",
        """{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--d81f86b9-975b-4c0b-875e-810c5ad45a4f","created":"2016-08-01T00:00:00.000Z","definition_type":"statement","definition":{"statement":"Copyright 2016, Example Corp"}}""",
        """{"type":"indicator","spec_version":"2.1","id":"indicator--1ed8caa7-a708-4706-b651-f1186ede6ca1","created":"2016-08-08T15:50:10.983Z","modified":"2016-08-08T15:50:10.983Z","name":"Some indicator","pattern":"[file:name = 'x']","pattern_type":"stix","valid_from":"2016-08-08T15:50:10.983Z","object_marking_refs":["marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"],"granular_markings":[{"marking_ref":"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da","selectors":["name","pattern"]}]}""",
        """{"type":"ipv4-addr","spec_version":"2.1","id":"ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd","value":"198.51.100.3"}""",
        StixMarkings.Tlp2Definition("red"),
        StixMarkings.Tlp2Definition("amber+strict"),
    ];

    private static (StixObject? Object, List<RowError> Errors) Check(string json, long row = 1)
    {
        using var doc = JsonDocument.Parse(json);
        var errors = new List<RowError>();
        return (StixValidator.Validate(doc.RootElement.Clone(), row, errors), errors);
    }

    [Theory, MemberData(nameof(SpecificationExamples))]
    public void Validate_SpecificationExample_IsAccepted(string json)
    {
        var (o, errors) = Check(json);
        Assert.True(o is not null, string.Join("; ", errors));
        Assert.Equal(json, o.Json);
    }

    [Fact]
    public void Validate_IndexesTheStoredColumns()
    {
        var o = Check(Indicator).Object!;
        Assert.Equal(("indicator", "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", "2016-04-06T20:03:48.000Z", "identity--f431f809-377b-45e0-aa1c-6a4751cae5ff"), (o.Type, o.Id, o.Version, o.CreatedByRef));
        Assert.Equal(StixTime.Micros(new DateTimeOffset(2016, 4, 6, 20, 3, 48, TimeSpan.Zero)), o.VersionMicros);
        var red = Indicator.Replace("\"pattern_type\"", "\"object_marking_refs\":[\"marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1\",\"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da\"],\"pattern_type\"", StringComparison.Ordinal);
        Assert.Equal("red", Check(red).Object!.Tlp);
        var white = Indicator.Replace("\"pattern_type\"", "\"object_marking_refs\":[\"marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9\"],\"pattern_type\"", StringComparison.Ordinal);
        Assert.Equal("clear", Check(white).Object!.Tlp);
    }

    // (what to change in which example, the property named, words of the expectation)
    public static TheoryData<string, string, string, string, string> BrokenRules => new()
    {
        { Indicator, "\"type\":\"indicator\",", "", "type", "expected the object's type" },
        { Indicator, "\"spec_version\":\"2.1\",", "", "spec_version", "spec_version is required" },
        { Indicator, "\"spec_version\":\"2.1\"", "\"spec_version\":\"2.0\"", "spec_version", "expected \"2.1\"" },
        { Indicator, "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", "indicator--8e2e2d2b-17d4-1cbf-938f-98ee46b3cd3f", "id", "UUIDv4" },
        { Indicator, "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", "indicator--8e2e2d2b-17d4-4cbf-738f-98ee46b3cd3f", "id", "variant" },
        { Indicator, "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", "malware--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", "id", "start with the object's type indicator--" },
        { Indicator, "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", "indicator--8e2e2d2b17d44cbf938f98ee46b3cd3f", "id", "RFC 4122 UUID" },
        { Indicator, "\"created\":\"2016-04-06T20:03:48.000Z\"", "\"created\":\"2016-04-06T20:03:48.000+08:00\"", "created", "in UTC ending in Z" },
        { Indicator, "\"created\":\"2016-04-06T20:03:48.000Z\"", "\"created\":\"2016-04-06T20:03:48Z\"", "created", "millisecond precision" },
        { Indicator, "\"modified\":\"2016-04-06T20:03:48.000Z\"", "\"modified\":\"2016-04-06T20:03:47.999Z\"", "modified", "later than or equal to created" },
        { Indicator, "\"created_by_ref\":\"identity--", "\"created_by_ref\":\"malware--", "created_by_ref", "start with the object's type identity--" },
        { Indicator, "\"pattern_type\":\"stix\"", "\"pattern_type\":\"stix\",\"confidence\":101", "confidence", "0 to 100" },
        { Indicator, "\"pattern_type\":\"stix\",", "", "pattern_type", "pattern_type is required" },
        { Indicator, "\"valid_from\":\"2016-01-01T00:00:00Z\"", "\"valid_from\":\"2016-01-01T00:00:00Z\",\"valid_until\":\"2016-01-01T00:00:00Z\"", "valid_until", "later than valid_from" },
        { Indicator, "[ file:hashes.'SHA-256' =", "[ file:hashes.'SHA-256' ==", "pattern", "expected a STIX pattern (section 9): at offset 25: expected a literal" },
        { Indicator, "\"pattern_type\":\"stix\"", "\"pattern_type\":\"stix\",\"object_marking_refs\":[\"identity--f431f809-377b-45e0-aa1c-6a4751cae5ff\"]", "object_marking_refs[0]", "marking-definition--" },
        { Indicator, "\"pattern_type\":\"stix\"", "\"pattern_type\":\"stix\",\"granular_markings\":[{\"marking_ref\":\"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da\",\"selectors\":[\"summary\"]}]", "granular_markings[0].selectors", "does not select" },
        { Indicator, "\"pattern_type\":\"stix\"", "\"pattern_type\":\"stix\",\"granular_markings\":[{\"lang\":\"en\",\"marking_ref\":\"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da\",\"selectors\":[\"name\"]}]", "granular_markings[0]", "exactly one of marking_ref and lang" },
        { Indicator, "\"indicator_types\":[\"malicious-activity\"]", "\"indicator_types\":[\"\"]", "indicator_types", "non-empty strings" },
        { Malware, "\"is_family\":false", "\"is_family\":\"no\"", "is_family", "true or false" },
        { Malware, "\"name\":\"Cryptolocker\",\"description\":\"A variant of the cryptolocker family\",\"malware_types\":[\"ransomware\"],\"is_family\":false", "\"is_family\":true", "name", "name is required when is_family is true" },
        { Relationship, "\"target_ref\":\"malware--", "\"target_ref\":\"identity--", "target_ref", "indicator indicates to point to attack-pattern" },
        { Relationship, "\"source_ref\":\"indicator--", "\"source_ref\":\"relationship--", "source_ref", "not a relationship" },
        { Relationship, "\"relationship_type\":\"indicates\"", "\"relationship_type\":\"Indicates Strongly\"", "relationship_type", "lower-case" },
        { Identity, ",\"name\":\"ACME Widget, Inc.\"", "", "name", "expected name" },
        { Identity, "\"identity_class\":\"organization\"", "\"identity_class\":7", "identity_class", "open vocabulary identity-class-ov" },
    };

    [Theory, MemberData(nameof(BrokenRules))]
    public void Validate_BrokenRule_NamesRowPropertyAndExpectation(string example, string from, string to, string field, string expected)
    {
        var json = example.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(example, json);
        var (o, errors) = Check(json, row: 7);
        Assert.Null(o);
        var error = Assert.Single(errors, e => e.Field == field);
        Assert.Equal(7, error.Row);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        if (field != "type" && !from.Contains("indicator--8e2e", StringComparison.Ordinal))
        {
            Assert.StartsWith(JsonDocument.Parse(json).RootElement.GetProperty("id").GetString()!, error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("""{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41db","created":"2017-01-20T00:00:00.000Z","definition_type":"tlp","definition":{"tlp":"green"}}""", "id", "fixed id of TLP:GREEN")]
    [InlineData("""{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da","created":"2017-01-20T00:00:00.000Z","definition_type":"tlp","definition":{"tlp":"purple"}}""", "definition.tlp", "white, green, amber or red")]
    [InlineData("""{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da","created":"2017-01-20T00:00:00.000Z","modified":"2017-01-20T00:00:00.000Z","definition_type":"tlp","definition":{"tlp":"green"}}""", "modified", "cannot be versioned")]
    [InlineData("""{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--d81f86b9-975b-4c0b-875e-810c5ad45a4f","created":"2016-08-01T00:00:00.000Z"}""", "definition_type", "expected definition_type and definition")]
    [InlineData("""{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--d81f86b9-975b-4c0b-875e-810c5ad45a4f","created":"2022-10-01T00:00:00.000Z","name":"TLP:RED","extensions":{"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d":{"extension_type":"property-extension","tlp_2_0":"red"}}}""", "id", "fixed id of TLP:RED, marking-definition--e828b379")]
    [InlineData("""{"type":"sighting","spec_version":"2.1","id":"sighting--ee20065d-2555-424f-ad9e-0f8428623c75","created":"2016-04-06T20:08:31.000Z","modified":"2016-04-06T20:08:31.000Z","sighting_of_ref":"ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd"}""", "sighting_of_ref", "expected a domain object")]
    [InlineData("""{"type":"sighting","spec_version":"2.1","id":"sighting--ee20065d-2555-424f-ad9e-0f8428623c75","created":"2016-04-06T20:08:31.000Z","modified":"2016-04-06T20:08:31.000Z","sighting_of_ref":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","first_seen":"2015-12-21T19:00:00Z","last_seen":"2015-12-20T19:00:00Z","count":1000000000}""", "count", "0 to 999,999,999")]
    [InlineData("""{"type":"sighting","spec_version":"2.1","id":"sighting--ee20065d-2555-424f-ad9e-0f8428623c75","created":"2016-04-06T20:08:31.000Z","modified":"2016-04-06T20:08:31.000Z","sighting_of_ref":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","first_seen":"2015-12-21T19:00:00Z","last_seen":"2015-12-20T19:00:00Z"}""", "last_seen", "later than or equal to first_seen")]
    [InlineData("""{"type":"sighting","spec_version":"2.1","id":"sighting--ee20065d-2555-424f-ad9e-0f8428623c75","created":"2016-04-06T20:08:31.000Z","modified":"2016-04-06T20:08:31.000Z","sighting_of_ref":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","where_sighted_refs":["malware--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061"]}""", "where_sighted_refs[0]", "identity or location")]
    public void Validate_MarkingAndSightingRules(string json, string field, string expected)
    {
        var (o, errors) = Check(json);
        Assert.Null(o);
        Assert.Contains(errors, e => e.Field == field && e.Message.Contains(expected, StringComparison.Ordinal));
    }
}
