// Keyboard support for the occupation search box (WAI-ARIA combobox with a listbox popup).
// htmx fills the listbox; this script moves the active option with the arrow keys, opens it
// with Enter, and closes the list with Escape. Without JavaScript the form still submits.
(function () {
  "use strict";

  function options(box) {
    return Array.prototype.slice.call(box.querySelectorAll('[role="option"]'));
  }

  function setActive(input, box, index) {
    var items = options(box);
    items.forEach(function (item, i) {
      item.setAttribute("aria-selected", i === index ? "true" : "false");
      item.classList.toggle("active", i === index);
    });
    if (index >= 0 && items[index]) {
      input.setAttribute("aria-activedescendant", items[index].id);
      items[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function activeIndex(box) {
    return options(box).findIndex(function (item) {
      return item.getAttribute("aria-selected") === "true";
    });
  }

  function init(root) {
    var input = root.querySelector('[role="combobox"]');
    var box = document.getElementById(input.getAttribute("aria-controls"));

    function sync() {
      var open = options(box).length > 0;
      input.setAttribute("aria-expanded", open ? "true" : "false");
      if (!open) input.removeAttribute("aria-activedescendant");
    }

    input.addEventListener("keydown", function (event) {
      var items = options(box);
      var index = activeIndex(box);
      if (event.key === "ArrowDown" && items.length) {
        event.preventDefault();
        setActive(input, box, (index + 1) % items.length);
      } else if (event.key === "ArrowUp" && items.length) {
        event.preventDefault();
        setActive(input, box, index <= 0 ? items.length - 1 : index - 1);
      } else if (event.key === "Enter" && index >= 0) {
        event.preventDefault();
        window.location.assign(items[index].getAttribute("data-href"));
      } else if (event.key === "Escape") {
        box.innerHTML = "";
        sync();
      }
    });

    box.addEventListener("click", function (event) {
      var option = event.target.closest('[role="option"]');
      if (option) window.location.assign(option.getAttribute("data-href"));
    });

    document.body.addEventListener("htmx:afterSwap", function (event) {
      if (event.detail.target === box) sync();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-combobox]").forEach(init);
  });
})();
