using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Xunit;

namespace Uring.Native.Tests;

/// <summary>Assertions shared by the layout tests. Each test class lists a struct's fields with their C
/// offsets in the InlineData of its <c>Field_offset</c> theory; <see cref="AssertEveryFieldListed"/> makes
/// sure that list names every field the C# struct has, so a field added later cannot go unchecked.</summary>
internal static class Layout
{
    public static void AssertSize<T>(int expected) where T : unmanaged
    {
        Assert.Equal(expected, Unsafe.SizeOf<T>());
        Assert.Equal(expected, Marshal.SizeOf<T>());
    }

    public static void AssertOffset<T>(string field, int expected) where T : unmanaged
        => Assert.Equal(expected, (int)Marshal.OffsetOf<T>(field));

    public static void AssertEveryFieldListed<T>(Type testClass) where T : unmanaged
    {
        MethodInfo theory = testClass.GetMethod("Field_offset") ?? throw new InvalidOperationException($"{testClass.Name} has no Field_offset theory");
        var listed = theory.GetCustomAttributes<InlineDataAttribute>()
            .SelectMany(a => a.GetData(theory))
            .Select(row => (string)row[0])
            .ToHashSet();
        IEnumerable<string> fields = typeof(T).GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).Select(f => f.Name);
        // The names in the message are the fields missing from the list, or listed but not in the struct.
        Assert.Equal("", string.Join(", ", fields.Where(f => !listed.Contains(f))));
        Assert.Equal("", string.Join(", ", listed.Where(f => !fields.Contains(f))));
    }

    /// <summary>The value of the constant <paramref name="name"/> declared on <paramref name="type"/>.</summary>
    public static long Constant(Type type, string name)
    {
        FieldInfo f = type.GetField(name, BindingFlags.Public | BindingFlags.Static)
            ?? throw new InvalidOperationException($"{type.Name}.{name} does not exist");
        Assert.True(f.IsLiteral, $"{type.Name}.{name} is not a constant");
        object value = f.GetRawConstantValue()!;
        return value is ulong u ? unchecked((long)u) : Convert.ToInt64(value); // ~0UL reads as -1
    }

    /// <summary>Every public constant of <paramref name="type"/> is listed by a theory of one of <paramref name="testClasses"/>
    /// (its first InlineData argument), so each one is checked against its header.</summary>
    public static void AssertEveryConstantListed(Type type, params Type[] testClasses)
    {
        var listed = testClasses.SelectMany(c => c.GetMethods())
            .SelectMany(m => m.GetCustomAttributes<InlineDataAttribute>().SelectMany(a => a.GetData(m)))
            .Where(row => row.Length > 0 && row[0] is string)
            .Select(row => (string)row[0])
            .ToHashSet();
        var constants = type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => f.Name);
        Assert.Equal("", string.Join(", ", constants.Where(c => !listed.Contains(c)))); // names the unchecked ones
    }
}
