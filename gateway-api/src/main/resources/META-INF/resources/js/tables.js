// The open positions and the trades: one bot or all (the filter), a page at a time, as the API pages them.
import { api } from "./api.js";
import { $, cell, signed, utc } from "./format.js";

export const TRADES_PAGE = 25;

/** A table fed by a paged API ({page, size, total, items}) with Previous/Next and "page x of y". */
class PagedTable {
  constructor(name, size, path, fixed, row) {
    this.name = name;
    this.size = size;
    this.path = path;
    this.fixed = fixed;
    this.row = row;
    this.page = 0;
    this.botId = "";
    /** Numbers the requests: an answer that arrives after a newer request's is dropped. */
    this.request = 0;
    $(`#${name}-prev`).addEventListener("click", () => this.load(this.page - 1));
    $(`#${name}-next`).addEventListener("click", () => this.load(this.page + 1));
  }

  /** Shows page {@code page} of the current filter; the page stays where it was when the data moved on. */
  async load(page = this.page) {
    const query = new URLSearchParams({ ...this.fixed, page, size: this.size });
    if (this.botId) {
      query.set("botId", this.botId);
    }
    const request = ++this.request;
    $(`#${this.name}-page`).textContent = "loading ...";
    const answer = await api(this.path + "?" + query);
    if (!answer || request !== this.request) {
      return;
    }
    const pages = Math.max(1, Math.ceil(answer.total / this.size));
    if (page > 0 && page >= pages) {
      return this.load(pages - 1);
    }
    this.page = page;
    $(`#${this.name} tbody`).replaceChildren(...answer.items.map(this.row));
    $(`#${this.name}-empty`).hidden = answer.total > 0;
    $(`#${this.name}-page`).textContent = `page ${page + 1} of ${pages} (${answer.total})`;
    $(`#${this.name}-prev`).disabled = page === 0;
    $(`#${this.name}-next`).disabled = page + 1 >= pages;
  }

  filter(botId) {
    this.botId = botId;
    return this.load(0);
  }
}

function tradeRow(t) {
  const row = document.createElement("tr");
  row.dataset.key = t.venue + "|" + t.clientOrderId + "|" + t.tradeId;
  row.append(cell(utc(t.time)), cell(t.botId), cell(t.role), cell(t.side), cell(t.quantity, "num"),
    cell(t.price, "num"), cell(t.fee + " " + t.feeAsset, "num"), cell(t.realizedPnl, signed(t.realizedPnl)));
  return row;
}

function positionRow(p) {
  const row = document.createElement("tr");
  row.dataset.key = p.positionId;
  row.append(cell(utc(p.openedAt)), cell(p.botId), cell(p.symbol), cell(p.direction), cell(p.quantity, "num"),
    cell(p.entryPrice, "num"), cell(p.markPrice, "num"), cell(p.unrealizedPnl, signed(p.unrealizedPnl)),
    cell(p.initialStop, "num"), cell(p.venue));
  return row;
}

export const trades = new PagedTable("trades", TRADES_PAGE, "/trades", {}, tradeRow);
export const positions = new PagedTable("positions", 10, "/positions", { status: "open" }, positionRow);

/** Fills the bot filter with the bots (all first) and keeps the chosen one. */
export function setBots(list, chosen) {
  const select = $("#filter-bot");
  const options = [["", "All bots"], ...list.map((bot) => [bot.botId, bot.name + " (" + bot.botId + ")"])];
  select.replaceChildren(...options.map(([value, label]) => new Option(label, value, false, value === chosen)));
}

/** The bot the tables show, "" for all. */
export const filtered = () => trades.botId;

/** Filters both tables by a bot ("" for all) and shows the first pages. */
export function filter(botId) {
  $("#filter-bot").value = botId;
  return Promise.all([trades.filter(botId), positions.filter(botId)]);
}

$("#filter-bot").addEventListener("change", (event) => filter(event.target.value));
