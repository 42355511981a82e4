// Public petition form: list only the chosen commune's villages, and send the form once.
// Without JavaScript every village is listed and the server checks the pair.
(function () {
  "use strict";
  var commune = document.getElementById("id_commune");
  var village = document.getElementById("id_village");
  function filterVillages() {
    var chosen = commune.value;
    village.querySelectorAll("option[data-commune]").forEach(function (option) {
      var other = chosen !== "" && option.getAttribute("data-commune") !== chosen;
      option.hidden = other;
      option.disabled = other;
      if (other && option.selected) { village.value = ""; }
    });
    village.querySelectorAll("optgroup").forEach(function (group) {
      group.hidden = !group.querySelector("option:not([disabled])");
    });
  }
  if (commune && village) {
    commune.addEventListener("change", filterVillages);
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
