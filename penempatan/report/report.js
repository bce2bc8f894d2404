
(function(){
"use strict";
var coll=new Intl.Collator("id",{numeric:true,sensitivity:"base"});
// Up to PRINT_ROWS matching rows all stay in the page, those off the current page hidden (tr.off), so the
// print CSS shows every one of them; a longer table draws the rest when the browser says it will print.
var PRINT_ROWS=5000;
function init(box){
  var src=document.getElementById(box.getAttribute("data-src"));
  var d=JSON.parse(src.textContent);
  var rows=d.rows, idx=[], view=[], page=0, per=25, sortK=-1, dir=1, printing=false;
  var hay=rows.map(function(r){return r.join(" \u0001 ").toLowerCase();});
  var thead=box.querySelector("thead"), tbody=box.querySelector("tbody");
  var input=box.querySelector(".cari"), sel=box.querySelector(".per");
  var info=box.querySelector(".info"), pg=box.querySelector(".page");
  var tr=document.createElement("tr");
  d.cols.forEach(function(c,k){
    var th=document.createElement("th"); th.textContent=c; th.setAttribute("scope","col");
    th.title="Klik untuk mengurutkan";
    th.addEventListener("click",function(){ if(sortK===k){dir=-dir;}else{sortK=k;dir=1;} apply(false); });
    tr.appendChild(th);
  });
  thead.appendChild(tr);
  for(var i=0;i<rows.length;i++){idx.push(i);}
  function apply(refilter){
    if(refilter){
      var words=input.value.toLowerCase().split(/\s+/).filter(Boolean);
      view=idx.filter(function(i){return words.every(function(w){return hay[i].indexOf(w)>=0;});});
    }
    if(sortK>=0){
      var num=d.num[sortK];
      view.sort(function(a,b){
        var x=rows[a][sortK], y=rows[b][sortK], c;
        c=num? (parseFloat(x)||0)-(parseFloat(y)||0) : coll.compare(String(x),String(y));
        return c*dir || a-b;
      });
      Array.prototype.forEach.call(thead.querySelectorAll("th"),function(th,k){
        if(k===sortK){th.setAttribute("aria-sort",dir>0?"ascending":"descending");}
        else{th.removeAttribute("aria-sort");}
      });
    }
    page=refilter?0:page; draw();
  }
  function draw(){
    var n=view.length, size=per>0?per:n||1, pages=Math.max(1,Math.ceil(n/size));
    if(page>=pages){page=pages-1;}
    var start=page*size, end=Math.min(n,start+size), frag=document.createDocumentFragment();
    var all=printing||n<=PRINT_ROWS, from=all?0:start, to=all?n:end;
    for(var k=from;k<to;k++){
      var r=rows[view[k]], row=document.createElement("tr");
      if(k<start||k>=end){row.className="off";} else if((k-start)%2){row.className="alt";}
      for(var c=0;c<r.length;c++){
        var td=document.createElement("td"); td.textContent=r[c];
        if(d.num[c]){td.className="num";} else if(d.wide.indexOf(c)>=0){td.className="wide";}
        else if(d.mid.indexOf(c)>=0){td.className="mid";}
        row.appendChild(td);
      }
      frag.appendChild(row);
    }
    tbody.textContent=""; tbody.appendChild(frag);
    var fmt=function(x){return x.toLocaleString("id-ID");};
    info.textContent=(n===rows.length?fmt(n)+" baris":fmt(n)+" dari "+fmt(rows.length)+" baris cocok");
    pg.textContent="Halaman "+fmt(page+1)+" dari "+fmt(pages);
    box.querySelector(".prev").disabled=page===0;
    box.querySelector(".next").disabled=page>=pages-1;
  }
  var timer=null;
  input.addEventListener("input",function(){
    clearTimeout(timer);
    if(rows.length>20000){ timer=setTimeout(function(){apply(true);},150); } else { apply(true); }
  });
  sel.addEventListener("change",function(){ per=parseInt(sel.value,10); page=0; draw(); });
  box.querySelector(".prev").addEventListener("click",function(){ page--; draw(); });
  box.querySelector(".next").addEventListener("click",function(){ page++; draw(); });
  box.printAll=function(on){ printing=on; draw(); };
  apply(true);
  box.setAttribute("data-ready","1");
}
function printAll(on){
  Array.prototype.forEach.call(document.querySelectorAll(".tbl"),function(box){ if(box.printAll){box.printAll(on);} });
}
Array.prototype.forEach.call(document.querySelectorAll(".tbl"),init);
window.addEventListener("beforeprint",function(){ printAll(true); });
window.addEventListener("afterprint",function(){ printAll(false); });
document.documentElement.setAttribute("data-ready","1");
})();
