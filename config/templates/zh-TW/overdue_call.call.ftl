<#-- 外撥坐席的通話腳本，由外撥系統與借款人號碼一同顯示。 -->
外撥編號 ${notice.reference} - ${lender.name}

1. 報出您的姓名，說明您代表${lender.name}來電。
2. 確認對方為借款人${borrower.name}本人（如出生日期或身分證末四碼）後，方可提及貸款事宜。如為他人接聽，僅留下您的姓名與客服電話${lender.hotline}，不得透露來電事由。
3. 貸款${installment.loanIdMasked}<#if installment.number??>第${installment.number}期</#if>應於${installment.dueDate}繳款，現已逾期${installment.dpd}天。
   逾期金額（${installment.currency}）：本金${installment.principal?string["0.00"]}，利息${installment.interest?string["0.00"]}，費用${installment.fees?string["0.00"]}，合計${installment.amountDue?string["0.00"]}。
4. 詢問能否於${notice.deadline}前繳款。繳款方式：「${lender.appName}」App、${lender.website}，或銀行轉帳並註明通知編號${notice.reference}。
5. 如無法全額繳款，主動提供協商還款方案，並記錄其可負擔的金額。
6. 如借款人對金額有異議或表示已繳款，應停止催收、做好記錄，並告知申訴管道：${lender.complaints}。
7. 如借款人要求不再來電，請記錄：停止外撥，書面提醒照常進行。
請保持禮貌，不得威脅恐嚇，不得聯絡借款人親友、雇主或同事。
