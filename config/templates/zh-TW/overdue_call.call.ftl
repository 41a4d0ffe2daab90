<#include "_lib.ftli">
<#-- 外撥坐席的通話腳本，由外撥系統與借款人號碼一同顯示。以往的通知只寫發送紀錄中所載者。 -->
外撥編號 ${notice.reference} - ${lender.name}

1. 報出您的姓名，說明您代表${lender.name}來電。
2. 先查核對方為借款人${borrower.name}本人（出生日期或登記證件號碼末四碼），查核之後才可提及貸款。如為他人接聽，僅留下您的姓名和${lender.hotline}，不得透露來電事由。
3. 貸款${installment.loanIdMasked}：${debt.count}期未還，最早一期應繳日期${date(debt.oldestDueDate)}，<#if debt.dpd gt 0>已逾期${debt.dpd}天<#else>今天到期</#if>。
   逾期金額（${currencyName}）：本金${money(debt.principal)}，利息${money(debt.interest)}，費用${money(debt.fees)}<#if debt.penalty?? && debt.penalty != 0>，遲延利息${money(debt.penalty)}</#if><#if debt.other??>，其他${money(debt.other)}</#if><#if debt.paid??>，減已繳${money(debt.paid)}</#if>，合計${money(debt.amountDue)}。
<#if written?has_content>   此前已發出的通知（只可提及以下這些）：<#list written as c>${date(c.date)}${channelName[c.channel]!c.channel}<#sep>；</#list>。
<#else>   此前沒有就該筆欠款發出過書面通知：不得說已經通知過。
</#if>4. 詢問能否在${date(notice.deadline)}前還款。還款方式：${payLink()}、「${lender.appName}」App，或銀行匯款並註明${notice.reference}。
5. 如無法全額還款，主動提供還款計畫，並記錄其可負擔的金額。
6. 如借款人對金額有異議或表示已還款，應停止催收、做好記錄，並告知申訴管道：${lender.complaints}。
7. 如借款人要求不再來電，請記錄：停止外撥，書面提醒照常進行。
請保持禮貌，不得威脅恐嚇，不得聯絡借款人的親友、雇主或同事。
