// Drives the reconnect banner from Blazor's reconnect events (see ReconnectBanner.razor).
const banner = document.getElementById("components-reconnect-modal");
const age = banner.querySelector("[data-kd-stale-age]");
let staleSince = null;
let ticker = null;

// One state at a time: each part lists the states it belongs to in data-when.
function show(state) {
    banner.dataset.state = state;
    for (const part of banner.querySelectorAll("[data-when]")) {
        part.style.display = part.dataset.when.split(" ").includes(state) ? "inline-block" : "";
    }
}

// While disconnected the page is stale: the body says so (styles dim live surfaces) and the banner counts its age.
function markStale(stale) {
    document.body.classList.toggle("kd-stale", stale);
    if (stale && staleSince === null) {
        staleSince = Date.now();
        tick();
        ticker = setInterval(tick, 1000);
    } else if (!stale) {
        staleSince = null;
        clearInterval(ticker);
    }
}

function tick() {
    const seconds = Math.floor((Date.now() - staleSince) / 1000);
    age.textContent = seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

banner.addEventListener("components-reconnect-state-changed", event => {
    const state = event.detail.state;
    if (state === "hide") {
        show("hide");
        markStale(false);
    } else if (state === "rejected") {
        // The server no longer knows this circuit: a fresh page is the only way to live data again.
        location.reload();
    } else {
        show(state);
        markStale(true);
        if (state === "failed") {
            document.addEventListener("visibilitychange", retryWhenVisible);
        }
    }
});

banner.querySelector("#components-reconnect-button").addEventListener("click", retry);
banner.querySelector("#components-resume-button").addEventListener("click", resume);
banner.querySelector("[data-kd-reload]").addEventListener("click", () => location.reload());

async function retry() {
    document.removeEventListener("visibilitychange", retryWhenVisible);
    try {
        // true: reconnected; false: the server answered but lost the circuit; throws: the server is unreachable.
        if (!(await Blazor.reconnect()) && !(await Blazor.resumeCircuit())) {
            location.reload();
        }
    } catch {
        document.addEventListener("visibilitychange", retryWhenVisible);
    }
}

async function resume() {
    try {
        if (!(await Blazor.resumeCircuit())) {
            location.reload();
        }
    } catch {
        show("resume-failed");
    }
}

async function retryWhenVisible() {
    if (document.visibilityState === "visible") {
        await retry();
    }
}
