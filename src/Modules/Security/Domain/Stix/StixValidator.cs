using System.Text.Json;
using System.Text.RegularExpressions;
using IctGov.Kernel.Results;

namespace IctGov.Security.Domain.Stix;

/// <summary>A STIX object that passed the validator: its JSON as received and the properties the store indexes.</summary>
internal sealed record StixObject(string Type, string Id, string Version, long VersionMicros, string SpecVersion, string? CreatedByRef, string? Tlp, string Json);

/// <summary>
/// Checks STIX 2.1 objects against the rules of the specification's text (OASIS STIX Version 2.1,
/// 10 June 2021): the common properties (section 3.2) and which are required for domain,
/// relationship, meta and cyber-observable objects; identifiers <c>type--UUID</c> (section 2.9);
/// timestamps (section 3.2, <c>timestamp</c>); <c>modified</c> not before <c>created</c>; references
/// (<c>_ref</c>/<c>_refs</c>) being identifiers of the types the property allows; the required
/// properties of attack-pattern, campaign, identity, indicator, malware, threat-actor, vulnerability
/// (section 4), relationship and sighting (section 5, with the source/target types section 4 lists
/// for each relationship it defines), marking definitions and data markings (section 7, TLP 1.0 and
/// 2.0 with their fixed ids); open vocabulary properties hold strings; an indicator's pattern of
/// <c>pattern_type: stix</c> is parsed by <see cref="StixPattern"/>. Every problem is one
/// <see cref="RowError"/>: the object's position (from 1), the property, and what was expected with
/// the object's id.
/// </summary>
internal static partial class StixValidator
{
    public static readonly HashSet<string> DomainTypes = ["attack-pattern", "campaign", "course-of-action", "grouping", "identity", "incident", "indicator", "infrastructure",
        "intrusion-set", "location", "malware", "malware-analysis", "note", "observed-data", "opinion", "report", "threat-actor", "tool", "vulnerability"];

    public static readonly HashSet<string> RelationshipTypes = ["relationship", "sighting"];

    public static readonly HashSet<string> MetaTypes = ["marking-definition", "language-content", "extension-definition"];

    public static readonly HashSet<string> ObservableTypes = ["artifact", "autonomous-system", "directory", "domain-name", "email-addr", "email-message", "file", "ipv4-addr",
        "ipv6-addr", "mac-addr", "mutex", "network-traffic", "process", "software", "url", "user-account", "windows-registry-key", "x509-certificate"];

    // Section 4's "Relationships" tables for the objects this store keeps: (source type, relationship type) → target types.
    // Relationship types the specification does not list for a source stay open (section 5.1: any may be used).
    private static readonly Dictionary<(string, string), string[]> DefinedRelationships = new()
    {
        [("attack-pattern", "delivers")] = ["malware"],
        [("attack-pattern", "targets")] = ["identity", "location", "vulnerability"],
        [("attack-pattern", "uses")] = ["malware", "tool"],
        [("campaign", "attributed-to")] = ["intrusion-set", "threat-actor"],
        [("campaign", "compromises")] = ["infrastructure"],
        [("campaign", "originates-from")] = ["location"],
        [("campaign", "targets")] = ["identity", "location", "vulnerability"],
        [("campaign", "uses")] = ["attack-pattern", "infrastructure", "malware", "tool"],
        [("identity", "located-at")] = ["location"],
        [("indicator", "indicates")] = ["attack-pattern", "campaign", "infrastructure", "intrusion-set", "malware", "threat-actor", "tool"],
        [("indicator", "based-on")] = ["observed-data"],
        [("malware", "authored-by")] = ["threat-actor", "intrusion-set"],
        [("malware", "beacons-to")] = ["infrastructure"],
        [("malware", "exfiltrates-to")] = ["infrastructure"],
        [("malware", "communicates-with")] = ["ipv4-addr", "ipv6-addr", "domain-name", "url"],
        [("malware", "downloads")] = ["malware", "tool", "file"],
        [("malware", "drops")] = ["malware", "tool", "file"],
        [("malware", "exploits")] = ["vulnerability"],
        [("malware", "originates-from")] = ["location"],
        [("malware", "targets")] = ["identity", "infrastructure", "location", "vulnerability"],
        [("malware", "uses")] = ["attack-pattern", "infrastructure", "malware", "tool"],
        [("malware", "variant-of")] = ["malware"],
        [("threat-actor", "attributed-to")] = ["identity"],
        [("threat-actor", "compromises")] = ["infrastructure"],
        [("threat-actor", "hosts")] = ["infrastructure"],
        [("threat-actor", "owns")] = ["infrastructure"],
        [("threat-actor", "impersonates")] = ["identity"],
        [("threat-actor", "located-at")] = ["location"],
        [("threat-actor", "targets")] = ["identity", "location", "vulnerability"],
        [("threat-actor", "uses")] = ["attack-pattern", "infrastructure", "malware", "tool"],
    };

    // Properties whose values come from an open vocabulary (section 10): any string, the vocabulary's preferred.
    private static readonly string[] OpenVocabularyLists = ["indicator_types", "malware_types", "threat_actor_types", "roles", "sophistication", "resource_level",
        "primary_motivation", "secondary_motivations", "personal_motivations", "architecture_execution_envs", "implementation_languages", "capabilities", "sectors"];

    private static readonly string[] OtherTimestamps = ["valid_from", "valid_until", "first_seen", "last_seen", "published", "first_observed", "last_observed"];

    private static readonly string[] OpenVocabularyStrings = ["identity_class", "pattern_type", "sophistication", "resource_level", "primary_motivation"];

    /// <summary>Checks one object; on success returns what the store indexes, else adds its problems to <paramref name="errors"/> and returns null.</summary>
    public static StixObject? Validate(JsonElement o, long row, List<RowError> errors)
    {
        var before = errors.Count;
        if (o.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new RowError(row, "object", $"expected a STIX object (a JSON object), found {o.ValueKind}"));
            return null;
        }
        var type = Str(o, "type");
        var idText = Str(o, "id");
        var who = idText ?? $"object {row}";
        void Fail(string field, string message) => errors.Add(new RowError(row, field, $"{who}: {message}"));

        if (type is null || !TypeName().IsMatch(type) || type.Length is < 3 or > 250)
        {
            Fail("type", "expected the object's type, 3–250 characters of a–z, 0–9 and hyphens (section 3.1)");
            return null;
        }
        if (type == "bundle")
        {
            Fail("type", "a bundle is not an object to store; send its objects (section 8)");
            return null;
        }
        var isObservable = ObservableTypes.Contains(type);
        var isMarking = type == "marking-definition";

        // Identifier (section 2.9): type--UUID, the type being the object's own.
        if (idText is null)
        {
            Fail("id", $"expected an identifier {type}--<UUID>");
        }
        else if (IdProblem(idText, type) is { } problem)
        {
            Fail("id", problem);
        }

        var specVersion = Str(o, "spec_version");
        if (specVersion is null && !isObservable)
        {
            Fail("spec_version", "expected \"2.1\": spec_version is required on domain, relationship and meta objects (section 3.2)");
        }
        else if (specVersion is not null && specVersion != "2.1")
        {
            Fail("spec_version", $"expected \"2.1\", found \"{specVersion}\"");
        }

        var created = Time(o, "created", required: !isObservable, Fail);
        var modified = isMarking ? null : Time(o, "modified", required: !isObservable, Fail);
        if (isMarking && o.TryGetProperty("modified", out _))
        {
            Fail("modified", "a marking definition has no modified: it cannot be versioned (section 7.2)");
        }
        if (created is { } c && modified is { } m && m < c)
        {
            Fail("modified", "expected modified to be later than or equal to created (section 3.2)");
        }

        foreach (var name in OtherTimestamps)
        {
            if (o.TryGetProperty(name, out _)) Time(o, name, required: false, Fail);
        }
        CommonProperties(o, Fail);
        References(o, Fail);
        GranularMarkings(o, Fail);

        switch (type)
        {
            case "attack-pattern" or "campaign" or "threat-actor" or "vulnerability" or "identity" or "intrusion-set" or "tool" or "infrastructure" or "course-of-action":
                Required(o, "name", Fail);
                break;
            case "indicator":
                Indicator(o, Fail);
                break;
            case "malware":
                if (!o.TryGetProperty("is_family", out var family) || family.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    Fail("is_family", "expected true or false: is_family is required on malware (section 4.11)");
                }
                else if (family.ValueKind == JsonValueKind.True)
                {
                    Required(o, "name", Fail, "name is required when is_family is true (section 4.11)");
                }
                break;
            case "relationship":
                Relationship(o, Fail);
                break;
            case "sighting":
                Sighting(o, Fail);
                break;
            case "marking-definition":
                MarkingDefinition(o, idText, Fail);
                break;
        }
        if (type is "campaign" or "threat-actor" or "intrusion-set" or "infrastructure" or "malware")
        {
            Order(o, "first_seen", "last_seen", Fail);
        }
        OpenVocabularies(o, Fail);

        if (errors.Count > before || idText is null)
        {
            return null;
        }
        var versionText = Str(o, isMarking ? "created" : "modified") ?? Str(o, "created");
        var version = modified ?? created;
        var markings = o.TryGetProperty("object_marking_refs", out var refs) && refs.ValueKind == JsonValueKind.Array
            ? refs.EnumerateArray().Select(r => r.GetString() ?? "").ToList()
            : [];
        var tlp = StixMarkings.Level(markings);
        if (isMarking && StixMarkings.Tlp2.TryGetValue(idText, out var own))
        {
            tlp = own == StixMarkings.Red ? null : tlp; // the TLP:RED definition itself is public knowledge, not red data
        }
        return new StixObject(type, idText, versionText ?? "", version is { } v ? StixTime.Micros(v) : 0, specVersion ?? "2.1", Str(o, "created_by_ref"), tlp, o.GetRawText());
    }

    /// <summary>Null when <paramref name="id"/> is an identifier of <paramref name="type"/> (any type when null), else what was expected.</summary>
    public static string? IdProblem(string id, string? type)
    {
        var sep = id.IndexOf("--", StringComparison.Ordinal);
        if (sep <= 0)
        {
            return $"expected an identifier {type ?? "type"}--<UUID> (section 2.9), found '{Clip(id)}'";
        }
        var idType = id[..sep];
        if (type is not null && idType != type)
        {
            return $"expected the identifier to start with the object's type {type}--, found '{Clip(id)}'";
        }
        var uuid = id[(sep + 2)..];
        if (!Uuid().IsMatch(uuid))
        {
            return $"expected an RFC 4122 UUID after {idType}-- (8-4-4-4-12 hexadecimal digits), found '{Clip(uuid)}'";
        }
        // RFC 4122 variant (10xx) and, as section 2.9 asks, version 4 (random) or 5 (name-based, the deterministic SCO ids).
        var version = uuid[14];
        var variant = char.ToLowerInvariant(uuid[19]);
        if (variant is not ('8' or '9' or 'a' or 'b'))
        {
            return $"expected an RFC 4122 UUID (its variant digit, the 17th, one of 8, 9, a, b), found '{uuid}'";
        }
        if (version is not ('4' or '5'))
        {
            return $"expected a UUIDv4 (or v5 for deterministic identifiers) as section 2.9 requires, found version {version} in '{uuid}'";
        }
        return null;
    }

    private static void CommonProperties(JsonElement o, Action<string, string> fail)
    {
        if (o.TryGetProperty("revoked", out var revoked) && revoked.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            fail("revoked", "expected true or false");
        }
        if (o.TryGetProperty("confidence", out var confidence) && !(confidence.ValueKind == JsonValueKind.Number && confidence.TryGetInt32(out var cv) && cv is >= 0 and <= 100))
        {
            fail("confidence", "expected an integer from 0 to 100 (section 3.2)");
        }
        StringList(o, "labels", fail);
        if (o.TryGetProperty("lang", out var lang) && lang.ValueKind != JsonValueKind.String)
        {
            fail("lang", "expected an RFC 5646 language code as a string");
        }
        if (o.TryGetProperty("external_references", out var refs))
        {
            if (refs.ValueKind != JsonValueKind.Array)
            {
                fail("external_references", "expected a list of external references");
            }
            else
            {
                var i = 0;
                foreach (var r in refs.EnumerateArray())
                {
                    if (r.ValueKind != JsonValueKind.Object || Str(r, "source_name") is null)
                    {
                        fail($"external_references[{i}].source_name", "expected an external reference with its source_name (section 2.5)");
                    }
                    i++;
                }
            }
        }
        if (o.TryGetProperty("extensions", out var ext) && ext.ValueKind != JsonValueKind.Object)
        {
            fail("extensions", "expected a dictionary of extensions keyed by extension-definition id or name");
        }
    }

    // Every _ref holds an identifier and every _refs a non-empty list of them (section 2.9); some properties fix the types.
    private static void References(JsonElement o, Action<string, string> fail)
    {
        foreach (var p in o.EnumerateObject())
        {
            string? only = p.Name switch
            {
                "created_by_ref" => "identity",
                "object_marking_refs" => "marking-definition",
                "sighting_of_ref" or "source_ref" or "target_ref" => null,
                "observed_data_refs" => "observed-data",
                _ => null,
            };
            if (p.Name.EndsWith("_ref", StringComparison.Ordinal))
            {
                if (p.Value.ValueKind != JsonValueKind.String)
                {
                    fail(p.Name, "expected an identifier type--UUID");
                }
                else if (IdProblem(p.Value.GetString()!, only) is { } problem)
                {
                    fail(p.Name, problem);
                }
            }
            else if (p.Name.EndsWith("_refs", StringComparison.Ordinal))
            {
                if (p.Value.ValueKind != JsonValueKind.Array || p.Value.GetArrayLength() == 0)
                {
                    fail(p.Name, "expected a non-empty list of identifiers (section 3.1: a list property is never empty)");
                    continue;
                }
                var i = 0;
                foreach (var item in p.Value.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        fail($"{p.Name}[{i}]", "expected an identifier type--UUID");
                    }
                    else if (IdProblem(item.GetString()!, only) is { } problem)
                    {
                        fail($"{p.Name}[{i}]", problem);
                    }
                    i++;
                }
            }
        }
        if (o.TryGetProperty("where_sighted_refs", out var where) && where.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in where.EnumerateArray())
            {
                if (item.GetString() is { } s && TypeOf(s) is not ("identity" or "location"))
                {
                    fail($"where_sighted_refs[{i}]", "expected an identity or location identifier (section 5.2)");
                }
                i++;
            }
        }
    }

    // Section 7.2.3: each granular marking names a marking definition or a language (not both), and selectors that resolve in the object.
    private static void GranularMarkings(JsonElement o, Action<string, string> fail)
    {
        if (!o.TryGetProperty("granular_markings", out var markings)) return;
        if (markings.ValueKind != JsonValueKind.Array || markings.GetArrayLength() == 0)
        {
            fail("granular_markings", "expected a non-empty list of granular markings");
            return;
        }
        var i = 0;
        foreach (var g in markings.EnumerateArray())
        {
            var at = $"granular_markings[{i++}]";
            if (g.ValueKind != JsonValueKind.Object)
            {
                fail(at, "expected a granular marking object");
                continue;
            }
            var hasRef = g.TryGetProperty("marking_ref", out var markingRef);
            var hasLang = g.TryGetProperty("lang", out _);
            if (hasRef == hasLang)
            {
                fail(at, "expected exactly one of marking_ref and lang (section 7.2.3)");
            }
            else if (hasRef && (markingRef.ValueKind != JsonValueKind.String || IdProblem(markingRef.GetString()!, "marking-definition") is not null))
            {
                fail(at + ".marking_ref", "expected a marking-definition identifier");
            }
            if (!g.TryGetProperty("selectors", out var selectors) || selectors.ValueKind != JsonValueKind.Array || selectors.GetArrayLength() == 0)
            {
                fail(at + ".selectors", "expected a non-empty list of selectors (section 7.2.3.1)");
                continue;
            }
            foreach (var s in selectors.EnumerateArray())
            {
                if (s.ValueKind != JsonValueKind.String || !Selects(o, s.GetString()!))
                {
                    fail(at + ".selectors", $"the selector '{Clip(s.ToString())}' does not select a property of this object (section 7.2.3.1)");
                }
            }
        }
    }

    // "description", "external_references.[1].source_name": dotted steps, list indices as [n].
    private static bool Selects(JsonElement o, string selector)
    {
        var current = o;
        foreach (var step in selector.Split('.'))
        {
            if (step.Length > 2 && step[0] == '[' && step[^1] == ']')
            {
                if (current.ValueKind != JsonValueKind.Array || !int.TryParse(step[1..^1], out var index) || index < 0 || index >= current.GetArrayLength()) return false;
                current = current[index];
            }
            else if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(step, out current))
            {
                return false;
            }
        }
        return true;
    }

    private static void Indicator(JsonElement o, Action<string, string> fail)
    {
        var pattern = Required(o, "pattern", fail);
        var patternType = Required(o, "pattern_type", fail, "pattern_type is required (section 4.7), e.g. stix, snort, yara (pattern-type-ov)");
        if (!o.TryGetProperty("valid_from", out _)) fail("valid_from", "expected valid_from, the timestamp from which the indicator is valid (section 4.7)");
        Order(o, "valid_from", "valid_until", fail, strict: true);
        if (pattern is not null && patternType == "stix" && StixPattern.Parse(pattern, out var problem) is null)
        {
            fail("pattern", "expected a STIX pattern (section 9): " + problem);
        }
    }

    private static void Relationship(JsonElement o, Action<string, string> fail)
    {
        var kind = Required(o, "relationship_type", fail);
        if (kind is not null && !TypeName().IsMatch(kind))
        {
            fail("relationship_type", "expected lower-case ASCII letters, digits and hyphens (section 5.1)");
        }
        var source = Required(o, "source_ref", fail);
        var target = Required(o, "target_ref", fail);
        foreach (var (name, id) in (ReadOnlySpan<(string, string?)>)[("source_ref", source), ("target_ref", target)])
        {
            if (id is not null && TypeOf(id) is { } t && (RelationshipTypes.Contains(t) || MetaTypes.Contains(t) || t == "bundle"))
            {
                fail(name, $"expected a domain or cyber-observable object, not a {t} (section 5.1)");
            }
        }
        if (kind is not null && source is not null && target is not null && TypeOf(source) is { } st && TypeOf(target) is { } tt
            && DefinedRelationships.TryGetValue((st, kind), out var allowed) && !allowed.Contains(tt))
        {
            fail("target_ref", $"expected {st} {kind} to point to {string.Join(", ", allowed)} (section 4's relationships for {st}), found {tt}");
        }
    }

    private static void Sighting(JsonElement o, Action<string, string> fail)
    {
        var of = Required(o, "sighting_of_ref", fail);
        if (of is not null && TypeOf(of) is { } t && !DomainTypes.Contains(t) && !t.StartsWith("x-", StringComparison.Ordinal))
        {
            fail("sighting_of_ref", $"expected a domain object (indicator, malware, …) as section 5.2 requires, found {t}");
        }
        if (o.TryGetProperty("count", out var count) && !(count.ValueKind == JsonValueKind.Number && count.TryGetInt64(out var n) && n is >= 0 and <= 999_999_999))
        {
            fail("count", "expected an integer from 0 to 999,999,999 (section 5.2)");
        }
        Order(o, "first_seen", "last_seen", fail);
    }

    private static void MarkingDefinition(JsonElement o, string? id, Action<string, string> fail)
    {
        var hasDefinition = o.TryGetProperty("definition_type", out _);
        var hasExtensions = o.TryGetProperty("extensions", out var extensions) && extensions.ValueKind == JsonValueKind.Object;
        if (!hasDefinition && !hasExtensions)
        {
            fail("definition_type", "expected definition_type and definition, or an extension defining the marking (section 7.2.1)");
            return;
        }
        if (hasDefinition)
        {
            var kind = Str(o, "definition_type");
            o.TryGetProperty("definition", out var definition);
            if (definition.ValueKind != JsonValueKind.Object)
            {
                fail("definition", "expected the definition object that definition_type names (section 7.2.1)");
            }
            else if (kind == "statement")
            {
                if (Str(definition, "statement") is null) fail("definition.statement", "expected the statement's text (section 7.2.1.3)");
            }
            else if (kind == "tlp")
            {
                var level = Str(definition, "tlp");
                if (level is not ("white" or "green" or "amber" or "red"))
                {
                    fail("definition.tlp", "expected white, green, amber or red (section 7.2.1.4)");
                }
                else if (id is not null && !(StixMarkings.Tlp1.TryGetValue(id, out var fixedLevel) && fixedLevel == level))
                {
                    fail("id", $"expected the fixed id of TLP:{level.ToUpperInvariant()}, {StixMarkings.Tlp1.Single(p => p.Value == level).Key} (section 7.2.1.4)");
                }
            }
            else if (!hasExtensions)
            {
                fail("definition_type", "expected statement or tlp (section 7.2.1)");
            }
        }
        if (hasExtensions && extensions.TryGetProperty(StixMarkings.Tlp2Extension, out var tlp2))
        {
            var level = tlp2.ValueKind == JsonValueKind.Object ? Str(tlp2, "tlp_2_0") : null;
            var fixedId = StixMarkings.Tlp2.FirstOrDefault(p => p.Value == level).Key;
            if (fixedId is null)
            {
                fail($"extensions.{StixMarkings.Tlp2Extension}.tlp_2_0", "expected clear, green, amber, amber+strict or red (STIX/TLP 2.0 extension)");
            }
            else if (id != fixedId)
            {
                fail("id", $"expected the fixed id of TLP:{level!.ToUpperInvariant()}, {fixedId} (STIX/TLP 2.0 extension)");
            }
        }
    }

    private static void OpenVocabularies(JsonElement o, Action<string, string> fail)
    {
        foreach (var name in OpenVocabularyLists)
        {
            if (o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array)
            {
                StringList(o, name, fail);
            }
        }
        foreach (var name in OpenVocabularyStrings)
        {
            if (o.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Array && (v.ValueKind != JsonValueKind.String || v.GetString()!.Length == 0))
            {
                fail(name, $"expected a string of the open vocabulary {name.Replace('_', '-')}-ov (section 10)");
            }
        }
    }

    private static void StringList(JsonElement o, string name, Action<string, string> fail)
    {
        if (!o.TryGetProperty(name, out var list)) return;
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0 || list.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String || e.GetString()!.Length == 0))
        {
            fail(name, "expected a non-empty list of non-empty strings");
        }
    }

    private static string? Required(JsonElement o, string name, Action<string, string> fail, string? why = null)
    {
        var value = Str(o, name);
        if (string.IsNullOrEmpty(value))
        {
            fail(name, why ?? $"expected {name}: it is required on this type of object (sections 4, 5)");
        }
        return value;
    }

    private static DateTimeOffset? Time(JsonElement o, string name, bool required, Action<string, string> fail)
    {
        if (!o.TryGetProperty(name, out var v))
        {
            if (required) fail(name, $"expected {name}, a timestamp YYYY-MM-DDTHH:mm:ss.sssZ (it is required here, section 3.2)");
            return null;
        }
        var text = v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var t = StixTime.Parse(text, out var digits);
        if (t is null)
        {
            fail(name, $"expected an RFC 3339 timestamp in UTC ending in Z, YYYY-MM-DDTHH:mm:ss[.s+]Z, found '{Clip(v.ToString())}'");
            return null;
        }
        // Section 3.2: created and modified are precise to the millisecond (exactly three fractional digits or more).
        if (name is "created" or "modified" && digits < 3)
        {
            fail(name, $"expected millisecond precision (section 3.2), e.g. {text![..19]}.000Z");
            return null;
        }
        return t;
    }

    private static void Order(JsonElement o, string first, string last, Action<string, string> fail, bool strict = false)
    {
        // The forms were checked with the object's other timestamps; only the order is this check's.
        var a = StixTime.Parse(Str(o, first), out _);
        var b = StixTime.Parse(Str(o, last), out _);
        if (a is { } x && b is { } y && (strict ? y <= x : y < x))
        {
            fail(last, $"expected {last} to be {(strict ? "later than" : "later than or equal to")} {first}");
        }
    }

    private static string? Str(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>A name a STIX type may have (section 3.1): 3–250 characters of a–z, 0–9 and hyphens.</summary>
    public static bool IsTypeName(string name) => name.Length is >= 3 and <= 250 && TypeName().IsMatch(name);

    public static string? TypeOf(string id) => id.IndexOf("--", StringComparison.Ordinal) is var i and > 0 ? id[..i] : null;

    private static string Clip(string s) => s.Length > 60 ? s[..60] + "…" : s;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*[a-z0-9]$")]
    private static partial Regex TypeName();

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex Uuid();
}
