<#include "_lib.ftli">
<#-- 到府拜訪請求：以有紀錄的移交方式交給催收機構，系統本身從不安排拜訪。 -->
到府拜訪請求${notice.reference}，${lender.name}，${date(notice.date)}。
借款人${borrower.name}，貸款${installment.loanIdMasked}，已逾期${debt.dpd}天，逾期合計${amount(debt.amountDue)}。
<#if reached?has_content>此前已發出的聯絡（據貸款機構紀錄）：<#list reached as c>${date(c.date)}${channelName[c.channel]!c.channel}<#sep>；</#list>。<#if sentOn("call")?has_content>外撥任務僅表示已派送，不代表已接通。</#if>
<#else>貸款機構紀錄中沒有此前就該筆欠款發出通知的紀錄。
</#if>只可拜訪借款人本人，地點為登記地址，時間為當地時間08:00-21:00，須至少兩名工作人員出示證件並全程記錄；不得在他人可見之處留下通知，不得向任何其他人透露該筆欠款。
