// The in-page interpreter of the differential ajax harness. The test (test/browser/ajax/) sends
// request scripts as JSON to `window.runScripts(scripts, crossOrigin)`; this file runs them one
// after another on whatever `jQuery` the page loaded (full jQuery 4, or jQuery 4 slim + the
// bridge) and returns one trace per script: every local callback, promise callback, global event
// and script evaluation, in order, with its `this`, its arguments summarised as JSON, and
// `jQuery.active`. Functions cannot travel as JSON, so scripts name them (converters, dataFilter,
// beforeSend, prefilters) and the tables below define them once for both sides.
/* global Document, XMLSerializer, btoa -- browser APIs this page uses beyond the shared list */
(function ($) {
  "use strict";

  var GLOBAL_EVENTS = [
    "ajaxStart",
    "ajaxSend",
    "ajaxSuccess",
    "ajaxError",
    "ajaxComplete",
    "ajaxStop",
  ];
  var ctx = document.getElementById("ctx");

  /** The trace being written and the labels of the current request's objects. */
  var current = null;

  function record(entry) {
    if (current) current.trace.push(entry);
  }

  /** Registers a jqXHR the first time the harness sees it (prefilter, beforeSend, return value). */
  function seen(jqXHR) {
    if (current && jqXHR && current.jqXHRs.indexOf(jqXHR) === -1) current.jqXHRs.push(jqXHR);
    return jqXHR;
  }

  /** A stable label for a `this` value or argument that is an object of the harness. */
  function label(value) {
    if (value === window) return "window";
    if (value === document) return "document";
    if (value === ctx) return "ctx";
    if (value === undefined) return "undefined";
    if (value === null) return "null";
    if (current) {
      var index = current.jqXHRs.indexOf(value);
      if (index !== -1) return "jqXHR#" + index;
      if (current.settings.indexOf(value) !== -1) return "settings";
      if (current.options.indexOf(value) !== -1) return "options";
    }
    if (value && value.jquery)
      return "jQuery(" + Array.prototype.map.call(value, label).join(",") + ")";
    if (value && value.nodeType === 1) {
      return value.id ? "#" + value.id : "<" + value.nodeName.toLowerCase() + ">";
    }
    return typeof value;
  }

  /** Replaces the side's origins in a string with PAGE and CROSS, so both sides read alike. */
  function unorigin(text) {
    return String(text)
      .split(location.origin)
      .join("PAGE")
      .split(current ? current.cross : "\u0000")
      .join("CROSS")
      .replace(/\/s\/\d+\/[\w-]+/g, "/s/ID/REPLY")
      .replace(/side=(full|slim)/g, "side=SIDE")
      .replace(/jQuery\d+_\d+/g, "CALLBACK")
      .replace(/([?&])_=\d+/g, "$1_=NONCE");
  }

  /** A JSON summary of any value (depth-limited; never throws). */
  function show(value, depth) {
    depth = depth || 0;
    try {
      if (value === undefined) return { undefined: true };
      if (value === null || typeof value === "boolean" || typeof value === "number") return value;
      if (typeof value === "string") return unorigin(value);
      if (typeof value === "function") return { function: value.name ? "named" : "anonymous" };
      if (typeof value === "symbol" || typeof value === "bigint") return { type: typeof value };
      if (value instanceof Error) return { error: value.name, message: unorigin(value.message) };
      if (typeof XMLDocument !== "undefined" && value instanceof Document) {
        return { xml: new XMLSerializer().serializeToString(value) };
      }
      var named = label(value);
      if (named !== "object") return { object: named };
      if (depth > 3) return { object: "deep" };
      if (Array.isArray(value)) {
        return value.map(function (item) {
          return show(item, depth + 1);
        });
      }
      var out = {};
      Object.keys(value)
        .sort()
        .forEach(function (key) {
          out[key] = show(value[key], depth + 1);
        });
      return out;
    } catch (error) {
      return { unprintable: String(error && error.name) };
    }
  }

  /** The settings fields a trace compares (what jQuery documents on the settings object). */
  function settingsSummary(s) {
    return {
      url: unorigin(s.url),
      type: s.type,
      dataType: s.dataType === undefined ? null : s.dataType,
      dataTypes: s.dataTypes ? s.dataTypes.join(" ") : null,
      crossDomain: s.crossDomain,
      hasContent: s.hasContent,
      contentType: s.contentType === undefined ? null : s.contentType,
      data: s.data === undefined ? null : show(s.data),
      global: s.global,
    };
  }

  /** Response headers as a sorted list of lower-cased `name: value` lines, minus volatile ones. */
  function headerLines(all) {
    return String(all || "")
      .split(/\r?\n/)
      .filter(function (line) {
        return (
          line && !/^(date|connection|keep-alive|transfer-encoding|content-length):/i.test(line)
        );
      })
      .map(function (line) {
        var at = line.indexOf(":");
        return line.slice(0, at).toLowerCase() + ":" + line.slice(at + 1);
      })
      .sort();
  }

  function jqXHRSummary(jqXHR) {
    return {
      readyState: jqXHR.readyState,
      status: jqXHR.status,
      statusText: jqXHR.statusText,
      responseText: jqXHR.responseText === undefined ? null : unorigin(jqXHR.responseText),
      responseJSON: jqXHR.responseJSON === undefined ? null : show(jqXHR.responseJSON),
      responseXML: jqXHR.responseXML === undefined ? null : show(jqXHR.responseXML),
      contentType: jqXHR.getResponseHeader("Content-Type"),
      xTest: jqXHR.getResponseHeader("X-Test"),
      headers: headerLines(jqXHR.getAllResponseHeaders()),
    };
  }

  function active() {
    return $.active;
  }

  /** Named functions a script may use, each a behaviour both sides must share. */
  var CONVERTERS = {
    upper: function (text) {
      return String(text).toUpperCase();
    },
    wrap: function (value) {
      return { wrapped: value };
    },
    length: function (text) {
      return String(text).length;
    },
    json: function (text) {
      return JSON.parse(text);
    },
    throw: function () {
      throw new Error("converter failed");
    },
    throwString: function () {
      throw "converter said no";
    },
    record: function (text) {
      record(["converter", unorigin(text)]);
      return text;
    },
    throwNull: function () {
      throw Object.create(null);
    },
    throwUnprintable: function () {
      throw {
        toString: function () {
          throw new Error("no string for you");
        },
      };
    },
  };
  var DATA_FILTERS = {
    upper: function (data, type) {
      record(["dataFilter", label(this), type === undefined ? null : type]);
      return String(data).toUpperCase();
    },
    trim: function (data, type) {
      record(["dataFilter", label(this), type === undefined ? null : type]);
      return String(data).trim();
    },
    throw: function () {
      throw new Error("dataFilter failed");
    },
  };
  var BEFORE_SEND = {
    record: function () {},
    header: function (jqXHR) {
      jqXHR.setRequestHeader("X-Before", "sent");
    },
    false: function () {
      return false;
    },
    abort: function (jqXHR) {
      jqXHR.abort("stopped");
    },
    throwNull: function () {
      throw Object.create(null);
    },
    mime: function (jqXHR) {
      jqXHR.overrideMimeType("text/plain");
    },
  };
  /**
   * Prefilters registered once per page (jQuery cannot remove them); each acts only on requests
   * whose settings carry `harnessPrefilter` naming it.
   */
  var PREFILTERS = {
    header: function (s, original, jqXHR) {
      jqXHR.setRequestHeader("X-Prefilter", "yes");
    },
    query: function (s) {
      s.url += (s.url.indexOf("?") === -1 ? "?" : "&") + "pf=1";
    },
    abort: function (s, original, jqXHR) {
      jqXHR.abort();
    },
    text: function () {
      return "text";
    },
    timeout: function (s) {
      s.timeout = 40;
    },
  };
  $.ajaxPrefilter(function (s, original, jqXHR) {
    var name = s.harnessPrefilter;
    if (!name) return undefined;
    record(["prefilter", name, label(original), label(seen(jqXHR)), settingsSummary(s)]);
    return PREFILTERS[name](s, original, jqXHR);
  });

  GLOBAL_EVENTS.forEach(function (name) {
    $(document).on(name, function (event) {
      var args = Array.prototype.slice.call(arguments, 1);
      // ajaxSend/Success/Error/Complete pass the jqXHR first: known from here on by its label.
      if (args.length > 0) seen(args[0]);
      var shown = args.map(function (arg, index) {
        // ajaxSend/Success/Error/Complete: (jqXHR, settings, data or error).
        return index === 1 && arg && typeof arg === "object" && "url" in arg
          ? settingsSummary(arg)
          : show(arg);
      });
      record(["global", name, label(event.target), label(this), active()].concat([shown]));
    });
    // Handlers on the context element too: events triggered there bubble to document as well.
    $(ctx).on(name, function (event) {
      record(["ctx-handler", name, label(event.target)]);
    });
  });

  /** Called by scripts the script transport runs (the reply bodies of dataType "script"). */
  window.harnessScript = function (value) {
    var script = document.currentScript;
    record([
      "script-ran",
      value,
      script
        ? {
            async: script.async,
            charset: script.charset || null,
            dataX: script.getAttribute("data-x"),
            inHead: script.parentNode === document.head,
          }
        : null,
    ]);
  };

  function urlFor(request, script) {
    if (request.origin === "none") return undefined;
    var base =
      request.origin === "cross"
        ? current.cross
        : request.origin === "cross-relative"
          ? current.cross.replace(/^https?:/, "")
          : "";
    var reply = btoa(JSON.stringify(request.reply || {}))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
    return base + "/s/" + script.id + "/" + reply + (request.path || "");
  }

  /** JSON cannot hold `undefined`: `{ $undefined: true }` stands for it, at any depth. */
  function revive(value) {
    if (value && typeof value === "object") {
      if (value.$undefined === true) return undefined;
      var out = Array.isArray(value) ? [] : {};
      Object.keys(value).forEach(function (key) {
        out[key] = revive(value[key]);
      });
      return out;
    }
    return value;
  }

  /** The JSON options of a request turned into jQuery settings (names → functions). */
  function settingsFor(request, url) {
    var options = revive(request.options || {});
    if (url !== undefined && request.call === "ajax") options.url = url;
    if (options.context === true) options.context = ctx;
    if (options.converters) {
      var converters = {};
      Object.keys(options.converters).forEach(function (key) {
        var name = options.converters[key];
        converters[key] = typeof name === "string" ? CONVERTERS[name] : name;
      });
      options.converters = converters;
    }
    if (options.contents) {
      var contents = {};
      Object.keys(options.contents).forEach(function (key) {
        contents[key] = new RegExp(options.contents[key]);
      });
      options.contents = contents;
    }
    if (typeof options.dataFilter === "string")
      options.dataFilter = DATA_FILTERS[options.dataFilter];
    if (options.statusCode) {
      var codes = {};
      options.statusCode.forEach(function (code) {
        codes[code] = function () {
          record(["statusCode", code, label(this), show(Array.prototype.slice.call(arguments))]);
        };
      });
      options.statusCode = codes;
    }
    var beforeSend = options.beforeSend;
    options.beforeSend = function (jqXHR, s) {
      current.settings.push(s);
      record(["beforeSend", label(this), label(seen(jqXHR)), settingsSummary(s), active()]);
      if (request.abort === "beforeSend") jqXHR.abort();
      return beforeSend ? BEFORE_SEND[beforeSend].apply(this, arguments) : undefined;
    };
    options.success = function (data, textStatus, jqXHR) {
      record(["success", label(this), show(data), textStatus, label(jqXHR)]);
    };
    options.error = function (jqXHR, textStatus, errorThrown) {
      record(["error", label(this), label(jqXHR), textStatus, show(errorThrown)]);
    };
    options.complete = function (jqXHR, textStatus) {
      record(["complete", label(this), label(jqXHR), textStatus, active()]);
    };
    return options;
  }

  /** Starts one request with the call form the script names; returns the jqXHR (or what came back). */
  function start(request, script) {
    var url = urlFor(request, script);
    var options = settingsFor(request, url);
    current.options.push(options);
    switch (request.call) {
      case "ajax":
        return request.urlArgument ? $.ajax(url, options) : $.ajax(options);
      case "ajaxFalse":
        return $.ajax(false, options);
      case "get":
        return $.get(url, options.data, options.success, options.dataType);
      case "post":
        return $.post(url, options.data, options.success, options.dataType);
      case "getJSON":
        return $.getJSON(url, options.data, options.success);
      case "getScript":
        return $.getScript(url, options.success);
      case "load": {
        var $target = $(request.into || "#target").empty();
        var returned = $target.load(
          url + (request.selector ? " " + request.selector : ""),
          options.data,
          function (responseText, textStatus, jqXHR) {
            record([
              "load-complete",
              label(this),
              unorigin(responseText),
              textStatus,
              label(seen(jqXHR)),
              unorigin(this.innerHTML),
            ]);
            if (--current.loadsPending === 0) current.onLoaded();
          },
        );
        return returned;
      }
      default:
        throw new Error("unknown call " + request.call);
    }
  }

  /**
   * Checks that make no request of their own (call "inspect"): the ajax members and settings
   * objects a program reads, summarised.
   */
  var INSPECTIONS = {
    ajaxSetupTarget: function () {
      var target = { keep: 1, headers: { "X-Old": "old" } };
      var returned = $.ajaxSetup(target, { timeout: 123, headers: { "X-New": "new" } });
      return {
        returnsTarget: returned === target,
        keep: target.keep,
        timeout: target.timeout,
        headers: show(target.headers),
        type: target.type,
        global: target.global,
        liveTimeout: $.ajaxSettings.timeout === undefined ? null : $.ajaxSettings.timeout,
      };
    },
    ajaxSettings: function () {
      var s = $.ajaxSettings;
      var before = s.timeout;
      var returned = $.ajaxSetup({ timeout: 77 });
      var after = s.timeout;
      s.timeout = before;
      return {
        type: typeof s,
        defaults: [
          s.type,
          s.global,
          s.processData,
          s.async,
          s.contentType,
          s.jsonp,
          s.url === location.href,
        ],
        accepts: show(s.accepts),
        converters: Object.keys(s.converters).sort(),
        contents: Object.keys(s.contents || {}).sort(),
        isLocal: s.isLocal,
        ajaxSetupReturnsLive: returned === s,
        liveAfterSetup: after,
      };
    },
    members: function () {
      return {
        active: typeof $.active,
        ajaxTransport: typeof $.ajaxTransport,
        ajaxSetup: typeof $.ajaxSetup,
        ajaxPrefilter: typeof $.ajaxPrefilter,
        getScript: typeof $.getScript,
        load: typeof $.fn.load,
        shorthands: GLOBAL_EVENTS.map(function (name) {
          var collection = $(document);
          var returned =
            typeof $.fn[name] === "function" ? $.fn[name].call(collection, function () {}) : null;
          return [name, typeof $.fn[name], returned === collection];
        }),
      };
    },
  };

  function wait(ms) {
    return new Promise(function (resolve) {
      setTimeout(resolve, ms);
    });
  }

  /** What a script's `presetGlobal` puts on window before the request, to see it restored after. */
  function presetMarker() {}

  /** Runs one request and resolves when it has settled and its events have fired (or stranded). */
  function runRequest(request, script) {
    return new Promise(function (resolve) {
      var finished = false;
      var watchdog = setTimeout(function () {
        if (finished) return;
        finished = true;
        record(["stranded", active()]);
        resolve();
      }, request.watch || 3000);
      var startedAt = Date.now();
      var settle = function () {
        if (finished) return;
        finished = true;
        clearTimeout(watchdog);
        // Let the events that follow settlement (ajaxComplete, ajaxStop, late callbacks) fire,
        // and a timed abort that comes after settlement happen inside this request's trace.
        // A reply that comes after the request ended (aborted, timed out) may still run a script
        // element's code: wait for it too, so that its effects land in this script's trace.
        var elapsed = Date.now() - startedAt;
        var abortAt = typeof request.abort === "number" ? request.abort + 5 - elapsed : 0;
        var lateReply =
          request.reply && request.reply.delay ? request.reply.delay + 30 - elapsed : 0;
        wait(Math.max(5, abortAt + 5, lateReply)).then(resolve);
      };
      var jqXHR;
      if (request.call === "inspect") {
        try {
          record(["inspect", request.inspect, INSPECTIONS[request.inspect]()]);
        } catch (error) {
          record(["inspect", request.inspect, { threw: show(error) }]);
        }
        settle();
        return;
      }
      if (request.presetGlobal) window[request.presetGlobal] = presetMarker;
      var checkGlobal = request.presetGlobal || request.checkGlobal;
      if (checkGlobal) {
        var after = settle;
        settle = function () {
          var value = window[checkGlobal];
          record(["global-var", checkGlobal, value === presetMarker ? "restored" : typeof value]);
          after();
        };
      }
      try {
        jqXHR = start(request, script);
      } catch (error) {
        record(["threw", show(error)]);
        finished = true;
        clearTimeout(watchdog);
        resolve();
        return;
      }
      if (request.call === "load") {
        record(["returned", label(jqXHR)]);
        // load() returns the collection; it is done when complete has run for every element.
        current.loadsPending = jqXHR && jqXHR.length;
        current.onLoaded = settle;
        if (!current.loadsPending) settle();
        return;
      }
      if (!jqXHR || typeof jqXHR.always !== "function") {
        record(["returned", show(jqXHR)]);
        settle();
        return;
      }
      record(["returned", label(seen(jqXHR)), jqXHR.readyState, active()]);
      jqXHR.done(function (data, textStatus, xhr) {
        record(["done", label(this), show(data), textStatus, label(xhr)]);
      });
      jqXHR.fail(function (xhr, textStatus, errorThrown) {
        record(["fail", label(this), label(xhr), textStatus, show(errorThrown)]);
      });
      jqXHR.always(function () {
        record(["always", label(this), jqXHRSummary(jqXHR), active()]);
        settle();
      });
      if (request.abort === "sync") jqXHR.abort();
      else if (typeof request.abort === "number") {
        setTimeout(function () {
          record(["aborting", jqXHR.readyState]);
          jqXHR.abort();
        }, request.abort);
      }
    });
  }

  /** Runs one script: optional ajaxSetup, its requests (in order or side by side), the trace. */
  function runScript(script, cross) {
    current = { id: script.id, cross: cross, trace: [], jqXHRs: [], settings: [], options: [] };
    // Where jQuery.ajaxSettings is missing (the bridge without it), there is nothing to restore.
    var live = $.ajaxSettings || {};
    var saved = $.extend(true, {}, live);
    if (script.setup) $.ajaxSetup(script.setup);
    var requests = script.requests;
    var run = script.parallel
      ? Promise.all(
          requests.map(function (request) {
            return runRequest(request, script);
          }),
        )
      : requests.reduce(function (previous, request) {
          return previous.then(function () {
            return runRequest(request, script);
          });
        }, Promise.resolve());
    return run.then(function () {
      record(["end", active()]);
      // A request jQuery leaves counted (a beforeSend or dataFilter that throws) must not shift
      // the counts of later scripts; the "end" entry above has recorded it.
      if (active() !== 0) $.active = 0;
      // Restore the defaults the script changed, key by key, on the live object.
      Object.keys(live).forEach(function (key) {
        if (!(key in saved)) delete live[key];
      });
      $.extend(live, saved);
      var trace = current.trace;
      current = null;
      return trace;
    });
  }

  /** Entry point for the test: runs `scripts` in order and resolves with their traces. */
  window.runScripts = function (scripts, cross) {
    var traces = [];
    return scripts
      .reduce(function (previous, script) {
        return previous.then(function () {
          return runScript(script, cross).then(function (trace) {
            traces.push(trace);
          });
        });
      }, Promise.resolve())
      .then(function () {
        return traces;
      });
  };
  window.harnessReady = true;
})(window.jQuery);
