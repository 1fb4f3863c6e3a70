/** The examples of the five seed documents, in document order. */
import seed000 from "./000-deferred-promise.mjs";
import seed001 from "./001-jquery-deferred.mjs";
import seed002 from "./002-promise-interface.mjs";
import seed003 from "./003-using-deferreds.mjs";
import seed004 from "./004-jquery-when.mjs";

export const seeds = [seed000, seed001, seed002, seed003, seed004];
