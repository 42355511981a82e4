// Public petition form: list only the chosen commune's villages, and send the form once.
// Without JavaScript every village is listed and the server checks the pair.
(function () {
  "use strict";
  // The village list follows the chosen commune, and says so when it changes what was picked:
  // a village of another commune is cleared with a note naming both (two communes may share a
  // name: each is shown with its province); a village picked before any commune picks its
  // commune. The server checks the pair again (portal/forms.py).
  var commune = document.getElementById("id_commune");
  var village = document.getElementById("id_village");
  var note = document.getElementById("thon-ghi-chu");
  function communeName(value) {
    var option = commune.querySelector('option[value="' + value + '"]');
    return option ? option.textContent.trim() : "";
  }
  function say(text) {
    if (note) { note.textContent = text; }
  }
  function filterVillages() {
    var chosen = commune.value;
    var cleared = null;
    var offered = 0;
    village.querySelectorAll("option[data-commune]").forEach(function (option) {
      var other = chosen !== "" && option.getAttribute("data-commune") !== chosen;
      option.hidden = other;
      option.disabled = other;
      if (other && option.selected) {
        cleared = option;
        village.value = "";
      }
      if (!other) { offered += 1; }
    });
    village.querySelectorAll("optgroup").forEach(function (group) {
      group.hidden = !group.querySelector("option:not([disabled])");
    });
    if (cleared) {
      say(cleared.textContent.trim() + " thuộc " + communeName(cleared.getAttribute("data-commune")) +
        ", không thuộc " + communeName(chosen) + ": vui lòng chọn lại thôn, tổ dân phố.");
    } else if (chosen !== "" && offered === 0) {
      say("Xã đã chọn chưa có danh sách thôn, tổ dân phố trên hệ thống: có thể để trống mục này.");
    } else {
      say("");
    }
  }
  function followVillage() {
    var option = village.options[village.selectedIndex];
    var owner = option ? option.getAttribute("data-commune") : null;
    if (owner && commune.value === "") {
      commune.value = owner;
      filterVillages();
      say("Đã chọn " + communeName(owner) + ", nơi có " + option.textContent.trim() + ".");
    } else if (owner) {
      say("");  // a village of the chosen commune: an earlier note no longer applies
    }
  }
  if (commune && village) {
    commune.addEventListener("change", filterVillages);
    village.addEventListener("change", followVillage);
    filterVillages();
  }

  var form = document.querySelector("form[data-submit-once]");
  if (!form) { return; }
  var button = form.querySelector("button[type=submit]");
  var label = button ? button.textContent : "";
  form.addEventListener("submit", function () {
    if (button) { button.disabled = true; button.textContent = "Đang gửi…"; }
  });
  // Back from the receipt, the page may come from the browser's cache with the button disabled.
  window.addEventListener("pageshow", function () {
    if (button) { button.disabled = false; button.textContent = label; }
  });
})();
