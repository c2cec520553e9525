// Small browser helpers for the dashboard (loaded as a classic script, before blazor.web.js).
window.kdTheme = {
    // Remembers the light/dark choice in a cookie so the server-rendered shell paints the right background first.
    remember(mode) {
        const path = new URL(document.baseURI).pathname;
        document.cookie = `kd-theme=${mode}; path=${path}; max-age=31536000; samesite=lax${location.protocol === 'https:' ? '; secure' : ''}`;
        document.body.classList.remove("kd-dark", "kd-light");
        document.body.classList.add(mode === "dark" ? "kd-dark" : "kd-light");
    },
};

// The one time-format setting: the browser's zone reaches the server as a cookie (read by the static shell on the next
// load) and on the first render (MainLayout asks zone()); the local/UTC choice is a cookie too.
window.kdTime = {
    zone() {
        try {
            return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
        } catch {
            return null;
        }
    },
    cookie(name, value) {
        const path = new URL(document.baseURI).pathname;
        document.cookie = `${name}=${value}; path=${path}; max-age=31536000; samesite=lax${location.protocol === 'https:' ? '; secure' : ''}`;
    },
    remember(choice) {
        this.cookie("kd-time", choice);
    },
};
if (window.kdTime.zone()) {
    window.kdTime.cookie("kd-tz", window.kdTime.zone());
}

window.kdClipboard = {
    // navigator.clipboard only exists in secure contexts (https, localhost); fall back for plain-http port-forwards.
    async copy(text) {
        if (navigator.clipboard && window.isSecureContext) {
            await navigator.clipboard.writeText(text);
            return;
        }
        const area = document.createElement("textarea");
        area.value = text;
        area.setAttribute("readonly", "");
        area.style.position = "fixed";
        area.style.opacity = "0";
        document.body.appendChild(area);
        area.select();
        document.execCommand("copy");
        area.remove();
    },
};

window.kdEmbed = {
    // Embed mode is per browser tab: the URL (?embed=true / ?embed=false) sets it, sessionStorage keeps it for this tab's
    // later loads (in-app navigation drops the query). Other tabs, which have their own sessionStorage, are untouched.
    resolve() {
        const asked = new URLSearchParams(location.search).get("embed");
        const fromUrl = asked === null ? null : (asked.toLowerCase() === "true" || asked === "1");
        try {
            if (fromUrl === true) {
                sessionStorage.setItem("kd-embed", "1");
            } else if (fromUrl === false) {
                sessionStorage.removeItem("kd-embed");
            }
            return sessionStorage.getItem("kd-embed") === "1";
        } catch {
            return fromUrl === true; // storage refused (e.g. a sandboxed frame): the URL alone decides
        }
    },
};

// Record this load's ?embed= for the tab as soon as the page loads, not only once the circuit has rendered: a tab
// that navigates on before its circuit is up must still remember it.
window.kdEmbed.resolve();
