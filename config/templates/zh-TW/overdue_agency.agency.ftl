<#include "_lib.ftli">
<#-- 隨案件一同移交委外催收機構的說明。以往的聯絡只寫貸款機構發送紀錄中所載者。 -->
案件${notice.reference}由${lender.name}於${date(notice.date)}移交。
借款人${borrower.name}，貸款${installment.loanIdMasked}：${debt.count}期未還，最早一期應繳日期${date(debt.oldestDueDate)}，已逾期${debt.dpd}天。
逾期金額（${currencyName}）：本金${money(debt.principal)}，利息${money(debt.interest)}，費用${money(debt.fees)}<#if debt.penalty?? && debt.penalty != 0>，遲延利息${money(debt.penalty)}</#if><#if debt.other??>，其他${money(debt.other)}</#if><#if debt.paid??>，減已繳${money(debt.paid)}</#if>，合計${money(debt.amountDue)}。
<#if reached?has_content>貸款機構發送紀錄中此前就該筆欠款的聯絡：<#list reached as c>${date(c.date)}${channelName[c.channel]!c.channel}<#if c.tracking??>（郵件追蹤號碼${c.tracking}）</#if><#if c.status == "delivered">，已送達</#if><#sep>；</#list>。<#if sentOn("call")?has_content>外撥任務僅表示已派送，不代表已接通。</#if>
<#else>貸款機構紀錄中沒有此前就該筆欠款聯絡借款人的紀錄。
</#if><#if history.promises?has_content>借款人的還款承諾紀錄：<#list history.promises as p>${date(p.date)}<#sep>、</#list>。
</#if>僅可聯絡借款人本人，且須在借款人當地時間08:00-21:00之間；不得聯絡其親友、雇主或同事。如借款人提出異議或表示已還款，應立即停止催收並轉回${lender.name}處理（${lender.complaints}）。
