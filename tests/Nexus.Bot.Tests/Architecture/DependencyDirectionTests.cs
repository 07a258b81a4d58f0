using System.Reflection;
using System.Reflection.Emit;

namespace Nexus.Bot.Tests.Architecture;

/// <summary>
/// Dependencies run one way: Bot → Domain and Bot → Discord, never between Domain and Discord; and inside
/// Domain the model, rules and statistics never reach Storage (or SQL, or hosting). These are proven over
/// the compiled assemblies (references, signatures and the IL of every method body), not over source text,
/// so a fully qualified name or a `var` cannot slip past.
/// </summary>
public sealed class DependencyDirectionTests
{
    private static readonly Assembly Domain = typeof(Nexus.Domain.Cases.Timeline).Assembly;
    private static readonly Assembly Discord = typeof(Nexus.Discord.Models.Interaction).Assembly;
    private static readonly Assembly Bot = typeof(Program).Assembly;

    [Fact]
    public void Domain_does_not_reference_the_Discord_client_or_the_bot()
    {
        var references = Domain.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.DoesNotContain("Nexus.Discord", references);
        Assert.DoesNotContain("Nexus.Bot", references);
        Assert.DoesNotContain(references, name => name!.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Fact]
    public void Discord_client_does_not_reference_the_domain_or_the_bot()
    {
        var references = Discord.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.DoesNotContain("Nexus.Domain", references);
        Assert.DoesNotContain("Nexus.Bot", references);
        Assert.DoesNotContain(references, name => name!.StartsWith("Dapper", StringComparison.Ordinal));
    }

    [Fact]
    public void Bot_references_both_libraries()
    {
        var references = Bot.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.Contains("Nexus.Domain", references);
        Assert.Contains("Nexus.Discord", references);
    }

    [Theory]
    [InlineData("Nexus.Domain.Cases")]
    [InlineData("Nexus.Domain.Statistics")]
    [InlineData("Nexus.Domain.Common")]
    [InlineData("Nexus.Domain.Moderation")]
    [InlineData("Nexus.Domain.Settings")]
    public void Model_rules_and_statistics_never_touch_storage_sql_or_hosting(string modelNamespace)
    {
        var offences = new List<string>();
        foreach (var type in Domain.GetTypes().Where(t => InNamespace(t, modelNamespace)))
        {
            foreach (var used in TypesUsedBy(type))
            {
                if (IsForbiddenForModel(used))
                {
                    offences.Add($"{type.FullName} uses {used.FullName}");
                }
            }
        }

        Assert.True(offences.Count == 0, string.Join(Environment.NewLine, offences.Distinct()));
    }

    [Fact]
    public void The_scanner_sees_storage_use_inside_method_bodies()
    {
        // The scanner must be able to fail: Storage itself certainly uses Dapper inside method bodies.
        var storageTypes = Domain.GetTypes().Where(t => InNamespace(t, "Nexus.Domain.Storage"));

        Assert.Contains(storageTypes.SelectMany(TypesUsedBy), used => used.Namespace == "Dapper");
    }

    private static bool InNamespace(Type type, string ns) =>
        type.Namespace is { } n && (n == ns || n.StartsWith(ns + ".", StringComparison.Ordinal));

    private static bool IsForbiddenForModel(Type used)
    {
        var ns = used.Namespace ?? "";
        return ns.StartsWith("Nexus.Domain.Storage", StringComparison.Ordinal)
            || ns.StartsWith("Dapper", StringComparison.Ordinal)
            || ns.StartsWith("Microsoft.Data", StringComparison.Ordinal)
            || ns.StartsWith("System.Data", StringComparison.Ordinal)
            || ns.StartsWith("Microsoft.Extensions.Hosting", StringComparison.Ordinal)
            || ns.StartsWith("Microsoft.Extensions.DependencyInjection", StringComparison.Ordinal)
            || ns.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal);
    }

    private static IEnumerable<Type> TypesUsedBy(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        if (type.BaseType is { } baseType)
        {
            yield return baseType;
        }

        foreach (var i in type.GetInterfaces())
        {
            yield return i;
        }

        foreach (var field in type.GetFields(all))
        {
            yield return field.FieldType;
        }

        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (method is MethodInfo info)
            {
                yield return info.ReturnType;
            }

            foreach (var parameter in method.GetParameters())
            {
                yield return parameter.ParameterType;
            }

            foreach (var used in TypesInBody(method))
            {
                yield return used;
            }
        }
    }

    /// <summary>Walks the IL of a method body and resolves every type, method and field token it names.</summary>
    private static IEnumerable<Type> TypesInBody(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var module = method.Module;
        var position = 0;
        while (position < il.Length)
        {
            var opCode = ReadOpCode(il, ref position);
            var operandSize = OperandSize(opCode.OperandType, il, position);
            if (opCode.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                var token = BitConverter.ToInt32(il, position);
                Type? resolved = null;
                try
                {
                    var member = module.ResolveMember(token, SafeGenericArguments(method.DeclaringType), SafeGenericArguments(method));
                    resolved = member switch
                    {
                        Type t => t,
                        MemberInfo m => m.DeclaringType,
                        _ => null,
                    };
                }
                catch (ArgumentException)
                {
                    // Tokens inside generic contexts we cannot instantiate here; their declaring types are still
                    // visible through signatures, so skipping them does not hide a dependency on Storage types.
                }

                if (resolved is not null)
                {
                    yield return resolved;
                }
            }

            position += operandSize;
        }
    }

    private static Type[]? SafeGenericArguments(MemberInfo? member) => member switch
    {
        Type t when t.IsGenericType => t.GetGenericArguments(),
        MethodInfo m when m.IsGenericMethod => m.GetGenericArguments(),
        _ => null,
    };

    private static readonly OpCode[] OneByte = new OpCode[0x100];
    private static readonly OpCode[] TwoByte = new OpCode[0x100];

    static DependencyDirectionTests()
    {
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var code = (OpCode)field.GetValue(null)!;
            var value = (ushort)code.Value;
            if (code.Size == 1)
            {
                OneByte[value] = code;
            }
            else
            {
                TwoByte[value & 0xFF] = code;
            }
        }
    }

    private static OpCode ReadOpCode(byte[] il, ref int position)
    {
        var first = il[position++];
        return first == 0xFE ? TwoByte[il[position++]] : OneByte[first];
    }

    private static int OperandSize(OperandType type, byte[] il, int position) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (BitConverter.ToInt32(il, position) * 4),
        _ => 4,
    };
}
