using System.Collections.Immutable;

namespace KongDashboard.Core.Status;

/// <summary>
/// What translation alone says about one object (no Kong yet): whether this controller takes it, the Kong routes it
/// produced, and the translation failures naming it. Computed once per translation.
/// </summary>
public sealed record TranslatedObject(StatusKey Key, bool ForThisController, string? NotForReason, ImmutableArray<string> Routes, ImmutableArray<string> Messages);
