// The clerk's page: uploads, the roster kept current, the findings filters, the job's progress.
// Plain JavaScript, no library; every text a clerk reads is Chinese.
"use strict";

const SEVERITY = {error: "错误", warning: "警告", info: "提示"};
const STATUS = {ok: "已报", errors: "有错误", unreadable: "无法读取", ignored: "已忽略",
                superseded: "已替换", refused: "未接收"};

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  for (const c of children) node.append(c == null ? "" : c);
  return node;
}

// One uploaded file's result: a line with its status and counts, its findings folded under it
// (open when it is the only file sent). textContent only: a file's content never becomes markup.
function resultCard(name, data, open) {
  const status = STATUS[data.status] || data.status;
  const parts = [];
  if (data.unit) parts.push(data.unit);
  if (data.status !== "refused") parts.push(`错误 ${data.errors} 条，警告 ${data.warnings} 条`);
  if (data.saved === false) parts.push("未保存到收件目录");
  const head = el("summary", {}, el("strong", {}, data.file || name), " ",
    el("span", {class: "badge " + data.status}, status), " ", el("span", {class: "muted"}, parts.join("；")));
  const card = el("details", {class: "result"}, head);
  if (data.findings.length) {
    const rows = data.findings.map((f) => el("tr", {class: "sev-" + f.severity},
      el("td", {}, el("span", {class: "badge " + f.severity}, SEVERITY[f.severity] || f.severity)),
      el("td", {}, f.sheet || ""), el("td", {class: "cell"}, f.cell || ""),
      el("td", {class: "value"}, f.value || ""), el("td", {}, f.message),
      el("td", {}, f.explanation || ""), el("td", {class: "rule"}, f.rule)));
    card.append(el("table", {class: "findings"},
      el("thead", {}, el("tr", {}, ...["级别", "附表", "单元格", "原值", "问题说明", "情况说明", "规则"]
        .map((t) => el("th", {}, t)))), el("tbody", {}, ...rows)));
    card.open = open || data.status === "refused";
  } else {
    card.append(el("p", {class: "good"}, "没有发现问题。"));
  }
  return card;
}

async function upload(zone, file, open) {
  const results = zone.parentElement.querySelector(".results");
  const waiting = el("details", {class: "result"},
    el("summary", {}, el("strong", {}, file.name), " ", el("span", {class: "muted"}, "正在上传并检查……")));
  results.prepend(waiting);
  const body = new FormData();
  body.append("file", file);
  let data;
  try {
    const response = await fetch(zone.dataset.upload, {method: "POST", body});
    data = await response.json();
  } catch (e) {
    data = {file: file.name, status: "refused", findings: [
      {severity: "error", rule: "", message: "上传失败：" + e.message}]};
  }
  waiting.replaceWith(resultCard(file.name, data, open));
  if (zone.dataset.refresh) refreshRoster(document.querySelector(zone.dataset.refresh));
}

function setUpDrop(zone) {
  const pick = zone.querySelector("input[type=file]");
  const send = async (files) => { for (const f of files) await upload(zone, f, files.length === 1); };
  pick.addEventListener("change", () => { send([...pick.files]); pick.value = ""; });
  zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("over");
    send([...e.dataTransfer.files]);
  });
}

async function refreshRoster(box) {
  try {
    const response = await fetch(box.dataset.poll);
    if (response.ok) box.innerHTML = await response.text();
  } catch (e) { /* the server stopped: keep what is shown */ }
}

function setUpFilters(form) {
  const rows = () => document.querySelectorAll(form.dataset.filter);
  const apply = () => {
    const want = Object.fromEntries(new FormData(form));
    let shown = 0, all = 0;
    for (const row of rows()) {
      const ok = Object.entries(want).every(([k, v]) => !v || row.dataset[k] === v);
      row.hidden = !ok;
      all += 1;
      shown += ok;
    }
    form.querySelector(".shown").textContent = `显示 ${shown} / ${all} 条`;
  };
  form.addEventListener("change", apply);
  apply();
}

function setUpJob(button) {
  const box = button.parentElement;
  const bar = box.querySelector(".progress");
  const fill = box.querySelector(".fill");
  const step = box.querySelector(".step");
  const error = box.querySelector(".error");
  const poll = async () => {
    const p = await (await fetch(button.dataset.progress)).json();
    if (p.total) {
      fill.style.width = `${Math.round(100 * p.done / p.total)}%`;
      step.textContent = p.done < p.total ? `正在读取 ${p.done}/${p.total}：${p.file}` : "正在写出汇总表和退回文件……";
    }
    return p.running;
  };
  button.addEventListener("click", async () => {
    button.disabled = true;
    error.hidden = true;
    bar.hidden = false;
    fill.style.width = "0%";
    step.textContent = "正在读取……";
    const timer = setInterval(poll, 500);
    try {
      const response = await fetch(button.dataset.url, {method: "POST"});
      const data = await response.json();
      if (!response.ok) throw new Error(data.error || response.statusText);
      location.reload();
    } catch (e) {
      error.textContent = "汇总未完成：" + e.message;
      error.hidden = false;
      bar.hidden = true;
      button.disabled = false;
    } finally {
      clearInterval(timer);
    }
  });
  if (!bar.hidden) {  // a run started elsewhere: follow it, then show its outputs
    const timer = setInterval(async () => { if (!(await poll())) { clearInterval(timer); location.reload(); } }, 500);
  }
}

document.querySelectorAll(".drop").forEach(setUpDrop);
document.querySelectorAll("form.filters").forEach(setUpFilters);
document.querySelectorAll("#consolidate").forEach(setUpJob);
document.querySelectorAll("[data-poll]").forEach((box) => setInterval(() => refreshRoster(box), 5000));
