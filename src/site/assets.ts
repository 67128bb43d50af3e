// The site's stylesheet and its one small script (grid filters, search). Kept as text so the renderer stays pure.

export const siteCss = `:root { color-scheme: light; font-family: system-ui, sans-serif; color: #1a1a1a; background: #fff; }
body { margin: 0; line-height: 1.45; }
header { background: #12355b; color: #fff; padding: 0.5rem 1rem; display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; }
header a { color: #fff; }
header .brand { margin: 0; font-weight: bold; }
nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 1rem; margin: 0; padding: 0; }
main { padding: 1rem; max-width: 100rem; }
a { color: #0b4f9c; }
.code { font-family: ui-monospace, monospace; font-size: 0.85em; color: #333; }
.badge { display: inline-block; border: 1px solid #555; border-radius: 0.3rem; padding: 0 0.35rem; font-size: 0.85em; margin: 0.1rem 0; }
.status-approved { background: #e3f4e3; }
.status-deprecated { background: #f6e0e0; }
.status-review { background: #fff3cd; }
.tag { font-size: 0.8em; color: #444; border: 1px solid #888; border-radius: 0.2rem; padding: 0 0.2rem; }
.filters { display: flex; flex-wrap: wrap; gap: 1rem; align-items: end; margin-bottom: 1rem; }
.filters label { display: flex; flex-direction: column; font-size: 0.9em; }
.grid-wrap { overflow-x: auto; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #bbb; padding: 0.3rem 0.5rem; vertical-align: top; text-align: left; }
thead th { background: #eef2f7; }
.grid th[scope=row] { background: #f7f7f7; min-width: 12rem; }
.cards { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 0.4rem; }
.card { border: 1px solid #999; border-radius: 0.35rem; padding: 0.3rem; min-width: 11rem; background: #fff; }
.card a { display: block; font-weight: 600; }
.card[hidden] { display: none; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
dt { font-weight: 600; }
dd { margin-left: 0; }
#results li { margin: 0.3rem 0; }
`

export const siteScript = `(function () {
  'use strict'
  var filters = document.querySelectorAll('[data-filter]')
  if (filters.length > 0) {
    var cards = document.querySelectorAll('.card')
    var count = document.querySelector('.count')
    var apply = function () {
      var shown = 0
      cards.forEach(function (card) {
        var visible = true
        filters.forEach(function (select) {
          if (select.value !== '' && card.getAttribute('data-' + select.getAttribute('data-filter')) !== select.value) visible = false
        })
        card.hidden = !visible
        if (visible) shown += 1
      })
      if (count) count.textContent = shown + ' of ' + cards.length + ' roles shown'
    }
    filters.forEach(function (select) { select.addEventListener('change', apply) })
    apply()
  }
  var box = document.getElementById('q')
  var results = document.getElementById('results')
  if (box && results && window.MiniSearch && window.CANON_SEARCH) {
    var data = window.CANON_SEARCH
    var index = window.MiniSearch.loadJS(data.index, data.options)
    var run = function () {
      while (results.firstChild) results.removeChild(results.firstChild)
      var query = box.value.trim()
      if (query === '') return
      index.search(query, { prefix: true, fuzzy: 0.2 }).slice(0, 50).forEach(function (hit) {
        var item = document.createElement('li')
        var link = document.createElement('a')
        link.href = hit.href
        link.textContent = hit.title
        var code = document.createElement('span')
        code.className = 'code'
        code.textContent = ' ' + hit.code
        item.appendChild(link)
        item.appendChild(code)
        results.appendChild(item)
      })
    }
    var params = new URLSearchParams(window.location.search)
    if (params.get('q')) box.value = params.get('q')
    box.addEventListener('input', run)
    box.form.addEventListener('submit', function (event) { event.preventDefault(); run() })
    run()
  }
})()
`
