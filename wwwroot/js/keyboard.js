// Keyboard use of the dashboard (a classic script: the CSP allows only same-origin scripts, no inline handlers).
//
// Conventions for pages (opt-in markup, no page code):
//   - a grid whose rows open a detail drawer carries data-kd-rows="open": its rows become focusable, Enter or Space
//     opens the row (a click), Escape closes the drawer and puts focus back on that row;
//   - a drawer carries the class kd-detail-drawer and a close button with data-kd-close;
//   - the page's main search box carries data-kd-search (on the input or around it): "/" focuses it.
// Shortcuts: "g" then a letter goes to a page (the table in KeyboardShortcuts.cs), "?" opens their help, Ctrl-K (Cmd-K)
// the global search.
(() => {
    const rowSelector = "[data-kd-rows=open] tbody tr.mud-table-row";
    const openDrawerSelector = ".kd-detail-drawer.mud-drawer--open";
    let helper = null;          // .NET object that opens the help dialog (set by the layout)
    let search = null;          // .NET object that opens the global search (Components/Search/GlobalSearch)
    let routes = {};            // letter after "g" -> relative URL
    let pendingG = 0;           // time "g" was pressed; the next letter within 1.5 s completes the chord
    let lastRow = null;         // { grid, index } of the row that opened the drawer

    const isTyping = el => el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
    // A dialog or an open menu/select list owns the keys (a tooltip showing under the mouse does not).
    const overlayOpen = () => document.querySelector(".mud-dialog-container, .mud-popover-open:not(.mud-tooltip)") !== null;

    // Rows are rendered (and re-rendered) by Blazor at any time: mark them whenever the DOM changes.
    function markRows() {
        for (const row of document.querySelectorAll(rowSelector)) {
            if (!row.hasAttribute("tabindex")) {
                row.setAttribute("tabindex", "0");
            }
        }
    }

    function rowPosition(row) {
        const grid = row.closest("[data-kd-rows=open]");
        return {
            grid: grid?.getAttribute("data-testid") ?? grid?.getAttribute("aria-label"),
            index: [...grid.querySelectorAll(rowSelector)].indexOf(row),
            // The row's identity (its first cell: the object's name): rows come and go while a drawer is open (a new
            // pod, a re-sort), so focus goes back to the same object, and to the same position only when it is gone.
            key: rowKey(row),
        };
    }

    function rowKey(row) {
        return row.querySelector("td")?.textContent?.trim() ?? null;
    }

    function findRow(position) {
        for (const grid of document.querySelectorAll("[data-kd-rows=open]")) {
            if ((grid.getAttribute("data-testid") ?? grid.getAttribute("aria-label")) === position.grid) {
                const rows = [...grid.querySelectorAll(rowSelector)];
                const same = position.key === null ? undefined : rows.find(r => rowKey(r) === position.key);
                return same ?? rows[Math.min(position.index, rows.length - 1)] ?? null;
            }
        }
        return null;
    }

    // Waits (up to 3 s, per animation frame) for a condition instead of a fixed delay.
    function when(condition, then) {
        const until = performance.now() + 3000;
        const poll = () => {
            const value = condition();
            if (value) {
                then(value);
            } else if (performance.now() < until) {
                requestAnimationFrame(poll);
            }
        };
        requestAnimationFrame(poll);
    }

    // Opening and closing a drawer is a (query-string) navigation, after which Blazor's FocusOnNavigate puts focus on
    // the page's h1. For the next 1.5 s, focus that lands on <body> or the h1 (or, with `inside`, anywhere outside
    // that element) goes to the element it belongs on.
    function holdFocus(find, inside) {
        const until = performance.now() + 1500;
        const poll = () => {
            const active = document.activeElement;
            const container = inside?.();
            if (!active || active === document.body || active.tagName === "H1" || (container && !container.contains(active))) {
                find()?.focus();
            }
            if (performance.now() < until) {
                requestAnimationFrame(poll);
            }
        };
        requestAnimationFrame(poll);
    }

    function openRow(row) {
        lastRow = rowPosition(row);
        row.click();
        // Into the drawer, so Tab moves through the detail rather than the page behind the overlay.
        when(() => document.querySelector(`${openDrawerSelector} [data-kd-close]`), close => {
            close.focus();
            holdFocus(() => document.querySelector(`${openDrawerSelector} [data-kd-close]`), () => document.querySelector(openDrawerSelector));
        });
    }

    function closeDrawer(drawer) {
        const close = drawer.querySelector("[data-kd-close]") ?? document.querySelector(".mud-drawer-overlay");
        close?.click();
        const position = lastRow;
        // Back to the row that opened it (found again: the grid may have re-rendered), never to <body>.
        const back = () => (position ? findRow(position) : null) ?? document.getElementById("kd-main");
        when(() => !document.querySelector(openDrawerSelector), () => {
            back()?.focus();
            holdFocus(back);
        });
    }

    function focusSearch() {
        const target = document.querySelector("input[data-kd-search], [data-kd-search] input");
        if (target) {
            target.focus();
            target.select();
            return true;
        }
        return false;
    }

    function navigate(path) {
        const url = new URL(path, document.baseURI).href;
        if (window.Blazor?.navigateTo) {
            window.Blazor.navigateTo(url);
        } else {
            location.href = url;
        }
    }

    document.addEventListener("keydown", event => {
        // Ctrl-K / Cmd-K: the global search, from anywhere (also while typing: the browser's own use of it is
        // its address bar search, which the page takes over as other dashboards do).
        if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === "k" && search) {
            event.preventDefault();
            search.invokeMethodAsync("OpenSearch");
            return;
        }

        // Up/Down in the search box move through the results (GlobalSearch), not the caret to the text's ends.
        if ((event.key === "ArrowUp" || event.key === "ArrowDown") && event.target instanceof Element && event.target.matches("#kd-search-input")) {
            event.preventDefault();
            return;
        }

        if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) {
            return;
        }

        const target = event.target;
        if (event.key === "Escape") {
            const drawer = document.querySelector(openDrawerSelector);
            if (drawer && !overlayOpen()) {
                event.preventDefault();
                closeDrawer(drawer);
            }
            return;
        }

        if ((event.key === "Enter" || event.key === " ") && target instanceof HTMLElement && target.matches(rowSelector)) {
            event.preventDefault();
            openRow(target);
            return;
        }

        if (isTyping(target) || overlayOpen()) {
            return;
        }

        if (pendingG && performance.now() - pendingG < 1500) {
            pendingG = 0;
            const path = routes[event.key];
            if (path !== undefined) {
                event.preventDefault();
                navigate(path);
            }
            return;
        }

        if (event.key === "g") {
            pendingG = performance.now();
        } else if (event.key === "/") {
            if (focusSearch()) {
                event.preventDefault();
            }
        } else if (event.key === "?") {
            event.preventDefault();
            helper?.invokeMethodAsync("ShowShortcuts");
        }
    });

    // The skip link: an in-page jump that Blazor's router must not treat as navigation to "/#kd-main".
    document.addEventListener("click", event => {
        const link = event.target instanceof Element ? event.target.closest(".kd-skip-link") : null;
        if (link) {
            event.preventDefault();
            document.getElementById("kd-main")?.focus();
        }
    });

    new MutationObserver(markRows).observe(document.documentElement, { childList: true, subtree: true });

    window.kdKeyboard = {
        // Called by the layout once interactive: who opens the help dialog, and where "g <letter>" goes.
        register(dotNetHelper, shortcutRoutes) {
            helper = dotNetHelper;
            routes = shortcutRoutes;
            markRows();
            // Shortcuts work from here on (before this, "g t" would go nowhere): tests and tools can wait for it.
            document.documentElement.dataset.kdShortcuts = "on";
        },
        unregister() {
            helper = null;
            delete document.documentElement.dataset.kdShortcuts;
        },
        // Called by the global search once interactive: Ctrl-K opens it from then on.
        registerSearch(dotNetSearch) {
            search = dotNetSearch;
            document.documentElement.dataset.kdSearch = "on";
        },
        // Into the search box once the dialog has drawn it (MudDialog's own first-child focus can land before it).
        // For a second after it appears, focus that lands outside the dialog's content (the button that opened it, a
        // focus-trap sentinel, <body>) goes back to the box.
        focusSearchBox() {
            when(() => document.getElementById("kd-search-input"), box => {
                box.focus();
                holdFocus(() => document.getElementById("kd-search-input"), () => document.querySelector(".kd-search-dialog .mud-dialog-content"));
            });
        },
        unregisterSearch() {
            search = null;
            delete document.documentElement.dataset.kdSearch;
        },
    };
})();
