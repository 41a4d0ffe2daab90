<#assign fmt = "yyyy年M月d日">
<#assign due = installment.dueDate?date("yyyy-MM-dd")?string(fmt)>
<#assign asOf = notice.date?date("yyyy-MM-dd")?string(fmt)>
<#assign deadline = notice.deadline?date("yyyy-MM-dd")?string(fmt)>
<#assign currencyName = {"TWD": "新臺幣", "CNY": "人民幣", "USD": "美元", "HKD": "港幣"}[installment.currency]!installment.currency>
親愛的${borrower.name}您好：

逾期還款通知
通知編號：${notice.reference}

依本公司紀錄，您的貸款（貸款編號${installment.loanIdMasked}）<#if installment.number??>第${installment.number}期</#if>應於${due}還款，截至${asOf}尚未清償，已逾期${installment.dpd}天。

截至${asOf}的逾期款項明細（幣別：${currencyName}）：
  本金：${installment.principal?string["0.00"]}
  利息：${installment.interest?string["0.00"]}
  費用：${installment.fees?string["0.00"]}
  合計：${installment.amountDue?string["0.00"]}

敬請於${deadline}前清償上述全部逾期款項。

一、還款方式
- 於「${lender.appName}」App中選擇「我的貸款 > 立即還款」；
- 登入官方網站 ${lender.website} 還款；
- 銀行匯款：請於匯款附言註明貸款編號及通知編號${notice.reference}，收款帳戶資訊請於App內查詢。

二、還款困難
如您暫時無法足額還款，請於${deadline}前致電${lender.hotline}或來信${lender.email}與我們聯絡。我們會瞭解您的實際狀況，與您協商還款計畫。

三、異議處理
如您對上述款項有異議，或已完成還款，請與我們聯絡並提供通知編號${notice.reference}。我們將於查核後回覆您，查核期間暫停就有異議的款項向您發送提醒。

四、信用報送提醒
本公司依法向徵信機構報送貸款的還款資訊。依相關法令規定，特此事先通知您：如您未能於${deadline}前清償上述逾期款項，本公司將報送本次逾期紀錄，可能影響您的個人信用紀錄。

五、聯絡方式
客服專線：${lender.hotline}
電子郵件：${lender.email}
官方網站：${lender.website}
申訴管道：${lender.complaints}

如您已完成還款，請忽略本通知。感謝您的體諒與配合！

${lender.name}
${asOf}

--
您收到本郵件，是因為您在${lender.name}有一筆貸款。如您不希望再以電子郵件接收還款提醒，請直接回覆本郵件「退訂」，或於「${lender.appName}」App的「設定 > 通知」中關閉郵件提醒。
