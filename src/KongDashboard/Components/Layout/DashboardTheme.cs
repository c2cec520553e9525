using MudBlazor;

namespace KongDashboard.Components.Layout;

/// <summary>One theme for both modes: a dark app bar in both keeps the chrome calm; data surfaces carry the colour.</summary>
public static class DashboardTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1155cb",
            Secondary = "#0b8a7a",
            Background = "#f5f7fa",
            Surface = "#ffffff",
            AppbarBackground = "#0e1a2b",
            AppbarText = "#e8edf5",
            DrawerBackground = "#ffffff",
            DrawerText = "#1f2937",
            DrawerIcon = "#4b5563",
            TextPrimary = "#1f2937",
            TextSecondary = "#5b6472",
            LinesDefault = "#e3e7ee",
            TableLines = "#e9edf3",
            TableHover = "#f0f4fb",
            Divider = "#e3e7ee",
            // Status colours dark enough for white chip text and for text on white (WCAG AA, >= 4.5:1);
            // MudBlazor's defaults (#00c853, #ff9800) measured 1.97:1 and 2.15:1. Success is darker still because
            // chips and text also sit on tinted fills (a selected row with a chip's tint, #dbe7ef..#e4e5ec): every status
            // colour keeps >= 5:1 there (axe measured #1b7f3b 4.02:1, #b45309 3.99:1).
            Success = "#136b2d",
            Warning = "#92400e",
            Error = "#b71c1c",
            Info = "#0a5fb4",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#6b9cff",
            // White on this light blue is 2.68:1 (axe, filled buttons); near-black is 7.2:1.
            PrimaryContrastText = "#0b0e14",
            Secondary = "#3cc7b4",
            Background = "#11141b",
            Surface = "#191d26",
            AppbarBackground = "#0b0e14",
            AppbarText = "#e8edf5",
            DrawerBackground = "#151922",
            DrawerText = "#d5dbe5",
            DrawerIcon = "#9aa4b5",
            TextPrimary = "#e3e8f0",
            TextSecondary = "#9aa4b5",
            LinesDefault = "#2a303c",
            TableLines = "#262b36",
            // Hover and stripes stay dark so status text on them keeps >= 6:1.
            TableHover = "#222835",
            // MudBlazor's default stripe (20 % white, #474a51 here) left status chips at 4.18:1 (axe, Audit rows).
            TableStriped = "#1e232d",
            Divider = "#2a303c",
            // Light status colours with near-black chip text: >= 6:1 both as chip fill and as text on the surfaces.
            Success = "#5cc77a",
            SuccessContrastText = "#0b0e14",
            Warning = "#f5a524",
            WarningContrastText = "#0b0e14",
            Error = "#ff6b6b",
            ErrorContrastText = "#0b0e14",
            Info = "#5aa9ff",
            InfoContrastText = "#0b0e14",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Inter", "system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
        },
        LayoutProperties = new LayoutProperties
        {
            DefaultBorderRadius = "6px",
            AppbarHeight = "56px",
            DrawerWidthLeft = "200px",
        },
    };
}
