// Region pickers: a picked region moves to the picker's chosen list, so typing another search keeps it;
// a radio pick replaces the one chosen before, unticking a box drops it.
document.addEventListener('change', function (event) {
  var input = event.target;
  if (!input.matches || !input.matches('[data-bw-region-choice]')) {
    return;
  }
  var picker = input.closest('[data-bw-region-picker]');
  var chosen = picker && picker.querySelector('[data-bw-chosen]');
  var item = input.closest('[data-bw-choice-item]');
  if (!chosen || !item) {
    return;
  }
  if (input.checked) {
    if (input.type === 'radio') {
      chosen.innerHTML = '';
    }
    chosen.appendChild(item);
  } else {
    item.remove();
  }
});
